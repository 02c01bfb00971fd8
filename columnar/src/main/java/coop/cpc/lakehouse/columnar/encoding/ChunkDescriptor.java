package coop.cpc.lakehouse.columnar.encoding;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One chunk's entry in the chunk index (section 6): counts, encoding, streams and statistics.
 * min and max are null when the chunk has no statistics.
 */
public record ChunkDescriptor(
        int rows,
        int nulls,
        Encoding encoding,
        int param,
        int sampleCount,
        List<StreamDescriptor> streams,
        Object min,
        Object max,
        List<Object> valueSet) {

    /**
     * Value sets are kept for chunks of at most this many distinct non-null values (format version 3, section 6).
     */
    public static final int MAX_VALUE_SET = 32;

    /**
     * Rows of a chunk, and so of a row group, at most (section 6.1): 2^20, sixteen of the default row groups,
     * a whole segment of the largest a compaction writes. Every stream but a chunk's bytes holds at most one value
     * a row, so this bounds what a reader allocates for them whatever a file declares.
     */
    public static final int MAX_ROWS = 1 << 20;

    /**
     * Values of one stream at most (section 6.1): 2^28, the samples of the largest frame (a LENGTH_BYTES chunk's
     * bytes, the longest stream, take a sample each unless they are all the same byte). A DEFLATE_BYTES chunk's
     * bytes are not a stream: its words stream holds one value per 6 compressed bytes, and the sum of its lengths
     * is bounded by {@code DeflatedBytes.MAX_TOTAL_BYTES} and the compressed length instead.
     */
    public static final int MAX_STREAM_LENGTH = 1 << 28;

    /**
     * Bytes a BYTES dictionary chunk (DICTIONARY, RANS_DICTIONARY) may expand to, the sum over its rows of their
     * entry's length, at most (section 6.1): 2^28, what a LENGTH_BYTES chunk may hold. A reader gives every row its
     * own copy of the entry, so without this bound a chunk of one 64 KiB entry and 2^20 rows of code 0, a few
     * kilobytes on disk, would make it allocate 64 GiB. STRING chunks share one String per entry and have no such
     * bound.
     */
    public static final int MAX_BYTES_DICTIONARY_EXPANSION = MAX_STREAM_LENGTH;

    public ChunkDescriptor {
        streams = List.copyOf(streams);
        valueSet = valueSet == null ? null : List.copyOf(valueSet);
    }

    /** Whether the chunk has the set of its distinct non-null values (ascending), not only min and max. */
    public boolean hasValueSet() {
        return valueSet != null;
    }

    /**
     * Whether a non-null value equal to {@code value} (canonical, see {@link coop.cpc.lakehouse.columnar.Values})
     * may be in the chunk: false when the chunk has only nulls, when its value set lacks the value, or when the
     * value is outside [min, max]; true otherwise (and when the chunk has no statistics).
     */
    public boolean mayContain(coop.cpc.lakehouse.columnar.ColumnType type, Object value) {
        if (rows == nulls) {
            return false;
        }
        if (valueSet != null) {
            int lo = 0;
            int hi = valueSet.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = coop.cpc.lakehouse.columnar.Values.compare(type, valueSet.get(mid), value);
                if (c == 0) {
                    return true;
                }
                if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return false;
        }
        if (!hasStats()) {
            return true;
        }
        return coop.cpc.lakehouse.columnar.Values.compare(type, min, value) <= 0
                && coop.cpc.lakehouse.columnar.Values.compare(type, max, value) >= 0;
    }

    public boolean hasStats() {
        return min != null && max != null;
    }

    /** The mapping chain as LAKEHOUSE_MAPPINGS shows it, e.g. {@code decimal_scaled(1):delta_zigzag}. */
    public String mappingLabel() {
        String enc = encoding.name().toLowerCase(Locale.ROOT);
        if (encoding == Encoding.DECIMAL_SCALED) {
            enc += "(" + param + ")";
        } else if (param == 1 && (encoding == Encoding.DICTIONARY || encoding == Encoding.LENGTH_BYTES)) {
            enc += "(by_position)";
        }
        return enc + ":" + streams.stream().map(s -> s.transform().label()).collect(Collectors.joining(","));
    }
}
