package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import java.util.List;

/** One column's track: its AV1 parameters and its chunk index. */
public record TrackInfo(
        int number,
        Column column,
        int bitDepth,
        int width,
        int height,
        byte[] codecPrivate,
        List<ChunkDescriptor> chunks,
        long nullCount,
        Object min,
        Object max) {
    public TrackInfo {
        chunks = List.copyOf(chunks);
    }
}
