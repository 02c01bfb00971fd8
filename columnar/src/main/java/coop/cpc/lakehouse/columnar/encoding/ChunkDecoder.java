package coop.cpc.lakehouse.columnar.encoding;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.PrimitiveChunk;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.encoding.bytes.ByteLayout;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import coop.cpc.lakehouse.columnar.encoding.decimal.DecimalScale;
import coop.cpc.lakehouse.columnar.encoding.floatbits.SortableFloatBits;
import coop.cpc.lakehouse.columnar.encoding.rans.RansDictionary;
import java.util.List;

/**
 * Turns a chunk's decoded streams back into values. Any inconsistency between the streams and
 * the descriptor is an {@link IllegalArgumentException} naming it; callers make it a
 * CorruptSegmentException.
 */
public final class ChunkDecoder {
    private ChunkDecoder() {}

    /** The number of streams a chunk with this encoding and null count has. */
    public static int streamCount(Encoding encoding, int nulls) {
        int base = switch (encoding) {
            case INTEGER, DECIMAL_SCALED, FLOAT_BITS, RANS_DICTIONARY -> 1;
            case DICTIONARY -> 3;
            case INT_DICTIONARY -> 2;
            case LENGTH_BYTES, DEFLATE_BYTES -> 2;
        };
        return base + (nulls > 0 ? 1 : 0);
    }

    /**
     * Checks a chunk's stream lengths against its counts (section 6.1) before anything they size is
     * allocated: rows in 0..{@link ChunkDescriptor#MAX_ROWS}, nulls at most the rows, the null flags one per row,
     * the first other stream (values, codes or lengths) one per non-null row, a dictionary at most that many
     * entries, any stream at most {@link ChunkDescriptor#MAX_STREAM_LENGTH} values.
     */
    public static void checkStreamLengths(ChunkDescriptor d) {
        checkStreamLengths(
                d, d.streams().stream().mapToInt(StreamDescriptor::length).toArray());
    }

    private static void checkStreamLengths(ChunkDescriptor d, int[] lengths) {
        if (d.rows() < 0 || d.rows() > ChunkDescriptor.MAX_ROWS) {
            throw new IllegalArgumentException(
                    "row count " + d.rows() + " out of range 0.." + ChunkDescriptor.MAX_ROWS);
        }
        require(d.nulls() >= 0 && d.nulls() <= d.rows(), "null count out of range");
        require(lengths.length == streamCount(d.encoding(), d.nulls()), "wrong stream count");
        int s = 0;
        if (d.nulls() > 0) {
            require(lengths[s++] == d.rows(), "null flags do not match the row count");
        }
        int present = d.rows() - d.nulls();
        if (d.encoding() == Encoding.RANS_DICTIONARY) {
            // One stream of words holding param bytes: at least an entry count, an entry and the rANS state.
            require(d.param() >= 1 && lengths[s] == (d.param() + 5L) / 6, "words do not hold the stream's bytes");
            require(lengths[s] <= ChunkDescriptor.MAX_STREAM_LENGTH, "stream too long");
            require(present > 0, "rANS dictionary without values");
            return;
        }
        require(lengths[s] == present, "value count does not match");
        for (int j = s + 1; j < lengths.length; j++) {
            boolean dictionary =
                    j == s + 1 && (d.encoding() == Encoding.DICTIONARY || d.encoding() == Encoding.INT_DICTIONARY);
            if (dictionary && lengths[j] > present) {
                throw new IllegalArgumentException(
                        "dictionary of " + lengths[j] + " entries for " + present + " values");
            }
            require(lengths[j] >= 0 && lengths[j] <= ChunkDescriptor.MAX_STREAM_LENGTH, "stream too long");
        }
    }

    private static int[] lengths(List<long[]> streams) {
        return streams.stream().mapToInt(x -> x.length).toArray();
    }

    /**
     * A numeric chunk as primitives ({@link PrimitiveChunk}): integer types as their integer form, floats as
     * doubles, null rows as 0; checked like {@link #decode}. Strings and bytes have no primitive form.
     */
    public static PrimitiveChunk decodePrimitive(
            ColumnType type, int rowGroup, ChunkDescriptor d, List<long[]> streams) {
        checkStreamLengths(d, lengths(streams));
        if (!allowed(type, d.encoding())) {
            throw new IllegalArgumentException(d.encoding() + " is not allowed for " + type);
        }
        if (type.isBinaryLike()) {
            throw new IllegalStateException("a " + type + " column has no primitive form");
        }
        int s = 0;
        boolean[] isNull = null;
        if (d.nulls() > 0) {
            isNull = new boolean[d.rows()];
            readNullFlags(streams.get(s++), d, isNull);
        }
        int present = d.rows() - d.nulls();
        long[] longs = null;
        double[] doubles = null;
        boolean f32 = type.kind() == ColumnType.Kind.FLOAT32;
        switch (d.encoding()) {
            case INTEGER -> {
                longs = streams.get(s);
                require(longs.length == present, "value count does not match");
                checkRange(type, longs);
            }
            case INT_DICTIONARY -> {
                long[] codes = streams.get(s);
                long[] entries = streams.get(s + 1);
                require(codes.length == present, "value count does not match");
                checkRange(type, entries);
                longs = new long[present];
                for (int i = 0; i < present; i++) {
                    require(codes[i] >= 0 && codes[i] < entries.length, "dictionary code out of range");
                    longs[i] = entries[(int) codes[i]];
                }
            }
            case DECIMAL_SCALED -> {
                long[] x = streams.get(s);
                require(x.length == present, "value count does not match");
                require(d.param() >= 0 && d.param() <= DecimalScale.MAX_SCALE, "bad decimal scale");
                doubles = new double[present];
                for (int i = 0; i < present; i++) {
                    doubles[i] = DecimalScale.decode(x[i], d.param(), f32);
                }
            }
            case FLOAT_BITS -> {
                long[] x = streams.get(s);
                require(x.length == present, "value count does not match");
                doubles = new double[present];
                for (int i = 0; i < present; i++) {
                    if (f32) {
                        require(x[i] == (int) x[i], "float32 bits out of range");
                        doubles[i] = SortableFloatBits.decodeFloat(x[i]);
                    } else {
                        doubles[i] = SortableFloatBits.decodeDouble(x[i]);
                    }
                }
            }
            default -> throw new IllegalArgumentException(d.encoding() + " is not numeric");
        }
        if (isNull != null) {
            if (longs != null) {
                long[] out = new long[d.rows()];
                for (int i = 0, j = 0; i < out.length; i++) {
                    out[i] = isNull[i] ? 0 : longs[j++];
                }
                longs = out;
            } else {
                double[] out = new double[d.rows()];
                for (int i = 0, j = 0; i < out.length; i++) {
                    out[i] = isNull[i] ? 0 : doubles[j++];
                }
                doubles = out;
            }
        }
        return new PrimitiveChunk(type, rowGroup, longs, doubles, isNull);
    }

    /**
     * Every type's valid integer forms are one interval, so checking the smallest and the largest value
     * checks them all, without boxing the rest.
     */
    private static void checkRange(ColumnType type, long[] x) {
        if (x.length == 0) {
            return;
        }
        long min = x[0];
        long max = x[0];
        for (long v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (Values.fromLong(type, min) == null || Values.fromLong(type, max) == null) {
            throw new IllegalArgumentException("integer out of range for " + type);
        }
    }

    public static Object[] decode(ColumnType type, ChunkDescriptor d, List<long[]> streams) {
        checkStreamLengths(d, lengths(streams));
        if (!allowed(type, d.encoding())) {
            throw new IllegalArgumentException(d.encoding() + " is not allowed for " + type);
        }
        int s = 0;
        boolean[] isNull = new boolean[d.rows()];
        if (d.nulls() > 0) {
            readNullFlags(streams.get(s++), d, isNull);
        }
        int present = d.rows() - d.nulls();
        Object[] values = new Object[present];
        switch (d.encoding()) {
            case INTEGER -> {
                long[] x = streams.get(s);
                require(x.length == present, "value count does not match");
                for (int i = 0; i < present; i++) {
                    values[i] = Values.fromLong(type, x[i]);
                    if (values[i] == null) {
                        throw new IllegalArgumentException("integer out of range for " + type);
                    }
                }
            }
            case DECIMAL_SCALED -> {
                long[] x = streams.get(s);
                require(x.length == present, "value count does not match");
                require(d.param() >= 0 && d.param() <= DecimalScale.MAX_SCALE, "bad decimal scale");
                boolean f32 = type.kind() == ColumnType.Kind.FLOAT32;
                for (int i = 0; i < present; i++) {
                    double v = DecimalScale.decode(x[i], d.param(), f32);
                    values[i] = f32 ? (Object) (float) v : (Object) v;
                }
            }
            case FLOAT_BITS -> {
                long[] x = streams.get(s);
                require(x.length == present, "value count does not match");
                boolean f32 = type.kind() == ColumnType.Kind.FLOAT32;
                for (int i = 0; i < present; i++) {
                    if (f32) {
                        require(x[i] == (int) x[i], "float32 bits out of range");
                        values[i] = SortableFloatBits.decodeFloat(x[i]);
                    } else {
                        values[i] = SortableFloatBits.decodeDouble(x[i]);
                    }
                }
            }
            case INT_DICTIONARY -> {
                long[] codes = streams.get(s);
                long[] entries = streams.get(s + 1);
                require(codes.length == present, "value count does not match");
                // One value object per entry, shared by the rows that use it (they are immutable).
                Object[] shared = new Object[entries.length];
                for (int i = 0; i < present; i++) {
                    require(codes[i] >= 0 && codes[i] < entries.length, "dictionary code out of range");
                    int code = (int) codes[i];
                    Object v = shared[code];
                    if (v == null) {
                        v = Values.fromLong(type, entries[code]);
                        if (v == null) {
                            throw new IllegalArgumentException("integer out of range for " + type);
                        }
                        shared[code] = v;
                    }
                    values[i] = v;
                }
            }
            case DICTIONARY -> {
                long[] codes = streams.get(s);
                require(d.param() == 0 || d.param() == 1, "bad byte layout");
                byte[][] entries = ByteLayout.values(streams.get(s + 1), streams.get(s + 2), d.param() == 1);
                require(entries != null, "dictionary lengths and bytes do not agree");
                require(codes.length == present, "value count does not match");
                int[] checked = new int[present];
                for (int i = 0; i < present; i++) {
                    require(codes[i] >= 0 && codes[i] < entries.length, "dictionary code out of range");
                    checked[i] = (int) codes[i];
                }
                fromEntries(type, entries, checked, values);
            }
            case LENGTH_BYTES -> {
                require(d.param() == 0 || d.param() == 1, "bad byte layout");
                byte[][] entries = ByteLayout.values(streams.get(s), streams.get(s + 1), d.param() == 1);
                require(entries != null, "lengths and bytes do not agree");
                require(entries.length == present, "value count does not match");
                for (int i = 0; i < present; i++) {
                    values[i] = Values.fromBytes(type, entries[i]);
                }
            }
            case DEFLATE_BYTES -> {
                byte[][] entries = DeflatedBytes.values(streams.get(s), streams.get(s + 1), d.param());
                require(entries != null, "lengths and deflated bytes do not agree");
                require(entries.length == present, "value count does not match");
                for (int i = 0; i < present; i++) {
                    values[i] = Values.fromBytes(type, entries[i]);
                }
            }
            case RANS_DICTIONARY -> {
                RansDictionary.Decoded dict = RansDictionary.decode(streams.get(s), d.param(), present);
                fromEntries(type, dict.entries(), dict.codes(), values);
            }
            default -> throw new IllegalArgumentException("unknown encoding");
        }
        if (d.nulls() == 0) {
            return values;
        }
        Object[] out = new Object[d.rows()];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = isNull[i] ? null : values[j++];
        }
        return out;
    }

    /**
     * Each value from its entry (codes already checked): strings are immutable, so one per entry is shared by the
     * rows that use it; byte arrays are not, so every row gets its own copy, and the copies are refused before
     * they are made if they exceed {@link ChunkDescriptor#MAX_BYTES_DICTIONARY_EXPANSION}.
     */
    private static void fromEntries(ColumnType type, byte[][] entries, int[] codes, Object[] values) {
        boolean share = type.kind() == ColumnType.Kind.STRING;
        if (!share) {
            long expanded = 0;
            for (int code : codes) {
                expanded += entries[code].length;
            }
            if (expanded > ChunkDescriptor.MAX_BYTES_DICTIONARY_EXPANSION) {
                throw new IllegalArgumentException("bytes dictionary expands to " + expanded + " bytes over "
                        + codes.length + " rows, more than " + ChunkDescriptor.MAX_BYTES_DICTIONARY_EXPANSION);
            }
        }
        Object[] shared = new Object[entries.length];
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (!share) {
                values[i] = Values.fromBytes(type, entries[code].clone());
                continue;
            }
            Object v = shared[code];
            if (v == null) {
                v = Values.fromBytes(type, entries[code]);
                shared[code] = v;
            }
            values[i] = v;
        }
    }

    private static boolean allowed(ColumnType type, Encoding e) {
        return switch (e) {
            case INTEGER, INT_DICTIONARY -> !type.isFloating() && !type.isBinaryLike();
            case DECIMAL_SCALED, FLOAT_BITS -> type.isFloating();
            case DICTIONARY, LENGTH_BYTES, DEFLATE_BYTES, RANS_DICTIONARY -> type.isBinaryLike();
        };
    }

    /** Reads the null-flag stream into {@code isNull}, checking it against the chunk's row and null counts. */
    private static void readNullFlags(long[] flags, ChunkDescriptor d, boolean[] isNull) {
        require(flags.length == d.rows(), "null flags do not match the row count");
        int n = 0;
        for (int i = 0; i < flags.length; i++) {
            require(flags[i] == 0 || flags[i] == 1, "null flag is not 0 or 1");
            isNull[i] = flags[i] == 1;
            n += (int) flags[i];
        }
        require(n == d.nulls(), "null flags do not match the null count");
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
