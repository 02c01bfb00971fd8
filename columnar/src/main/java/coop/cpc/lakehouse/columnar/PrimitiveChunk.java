package coop.cpc.lakehouse.columnar;

/**
 * One row group of one numeric column as primitive arrays, decoded without boxing a value: for
 * {@code bool, int32, int64, decimal, timestamp_ms, timestamp_us, date} the integer form of section 5.1 of
 * the format (0/1, the value, the unscaled value, epoch milliseconds or microseconds, epoch day) in
 * {@link #longs()}; for {@code float32, float64} the values in {@link #doubles()}. Rows that are null hold
 * 0 and are flagged in {@link #nulls()}, which is null when the row group has no null.
 */
public record PrimitiveChunk(ColumnType type, int rowGroup, long[] longs, double[] doubles, boolean[] nulls) {

    /** The number of rows. */
    public int rows() {
        return longs != null ? longs.length : doubles.length;
    }

    /** Whether row i is null. */
    public boolean isNull(int i) {
        return nulls != null && nulls[i];
    }

    /** The values of an int32 or date column (or 0/1 of a bool column) as ints. */
    public int[] ints() {
        ColumnType.Kind k = type.kind();
        if (k != ColumnType.Kind.INT32 && k != ColumnType.Kind.DATE && k != ColumnType.Kind.BOOL) {
            throw new IllegalStateException("a " + type + " column has no int form");
        }
        int[] out = new int[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) longs[i];
        }
        return out;
    }
}
