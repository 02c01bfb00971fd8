package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import java.util.List;

/**
 * Everything a segment holds before it is laid out: the schema, an optional title, the row
 * count of each row group, per column its encoded chunks in row-group order, and the bit
 * depth forced on every track (0: chosen per track, section 5.4), and how many threads may
 * encode tracks at once, and the newest format version the writer may use, and the columns whose frames are encoded with
 * {@link coop.cpc.lakehouse.columnar.av1.SearchPreset#THOROUGH} (the others: FAST).
 */
public record SegmentContent(
        Schema schema,
        String title,
        List<Integer> rowGroupRows,
        List<List<EncodedChunk>> columns,
        int bitDepth,
        int threads,
        int formatVersion,
        java.util.Set<String> thoroughColumns) {
    public SegmentContent {
        rowGroupRows = List.copyOf(rowGroupRows);
        for (int rows : rowGroupRows) {
            if (rows < 1 || rows > ChunkDescriptor.MAX_ROWS) {
                throw new IllegalArgumentException(
                        "a row group of " + rows + " rows; the format allows 1 to " + ChunkDescriptor.MAX_ROWS);
            }
        }
        columns = List.copyOf(columns);
        thoroughColumns = java.util.Set.copyOf(thoroughColumns);
    }
}
