package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.Schema;
import java.util.List;

/**
 * What a segment says about itself, read from its SeekHead, Info, Tracks, Cues and Tags; {@code format} is the
 * segment's own LAKEHOUSE_FORMAT tag (for example "webm-columnar/3").
 */
public record SegmentMetadata(
        Schema schema,
        String title,
        long rowCount,
        List<RowGroupInfo> rowGroups,
        List<TrackInfo> tracks,
        long size,
        String format) {
    public SegmentMetadata {
        rowGroups = List.copyOf(rowGroups);
        tracks = List.copyOf(tracks);
    }
}
