package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.Schema;
import java.util.List;

/** What a segment says about itself, read from its SeekHead, Info, Tracks, Cues and Tags. */
public record SegmentMetadata(
        Schema schema, String title, long rowCount, List<RowGroupInfo> rowGroups, List<TrackInfo> tracks, long size) {
    public SegmentMetadata {
        rowGroups = List.copyOf(rowGroups);
        tracks = List.copyOf(tracks);
    }
}
