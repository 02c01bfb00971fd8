package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import java.util.List;

/** Column-wide statistics from the chunks' statistics. */
final class ColumnStats {
    private ColumnStats() {}

    /**
     * {min, max} over all chunks, or null when some chunk with values has no statistics or no
     * chunk has values.
     */
    static Object[] minMax(ColumnType type, List<ChunkDescriptor> chunks) {
        Object min = null;
        Object max = null;
        for (ChunkDescriptor c : chunks) {
            if (c.rows() == c.nulls()) {
                continue;
            }
            if (!c.hasStats()) {
                return null;
            }
            if (min == null || Values.compare(type, c.min(), min) < 0) {
                min = c.min();
            }
            if (max == null || Values.compare(type, c.max(), max) > 0) {
                max = c.max();
            }
        }
        return min == null ? null : new Object[] {min, max};
    }
}
