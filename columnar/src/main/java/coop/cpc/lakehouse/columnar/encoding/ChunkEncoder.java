package coop.cpc.lakehouse.columnar.encoding;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.encoding.bytes.ByteLayout;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import coop.cpc.lakehouse.columnar.encoding.decimal.DecimalScale;
import coop.cpc.lakehouse.columnar.encoding.dictionary.Dictionary;
import coop.cpc.lakehouse.columnar.encoding.dictionary.IntDictionary;
import coop.cpc.lakehouse.columnar.encoding.floatbits.SortableFloatBits;
import coop.cpc.lakehouse.columnar.encoding.rans.RansDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Maps one chunk of canonical values to integer streams, choosing the cheapest mapping. */
public final class ChunkEncoder {
    /** String/bytes statistics longer than this are left out (section 6). */
    public static final int MAX_STAT_BYTES = 64;

    private ChunkEncoder() {}

    /**
     * The chunk's distinct non-null values ascending when there are 1..{@link ChunkDescriptor#MAX_VALUE_SET} of
     * them (integer-like, string and bytes columns; strings and bytes only when each is at most {@link
     * #MAX_STAT_BYTES} bytes), else null. Counting stops at the 33rd distinct value, so wide columns pay little.
     */
    private static List<Object> valueSet(
            ColumnType type,
            Object[] present,
            byte[][] bytes,
            long[] ints,
            Dictionary countedBytes,
            IntDictionary countedInts) {
        int max = ChunkDescriptor.MAX_VALUE_SET;
        if (present.length == 0) {
            return null;
        }
        if (ints != null) {
            // The chunk's dictionary count (up to half its values) already tells the distinct values apart.
            IntDictionary d = countedInts != null
                    ? (countedInts.size() <= max ? countedInts : null)
                    : IntDictionary.count(ints, max);
            if (d == null) {
                return null;
            }
            long[] v = d.values();
            Arrays.sort(v);
            List<Object> out = new ArrayList<>(v.length);
            for (long x : v) {
                out.add(Values.fromLong(type, x));
            }
            return out;
        }
        if (bytes != null) {
            Dictionary d = countedBytes != null
                    ? (countedBytes.size() <= max ? countedBytes : null)
                    : Dictionary.count(bytes, max);
            if (d == null) {
                return null;
            }
            byte[][] v = d.values();
            for (byte[] b : v) {
                if (b.length > MAX_STAT_BYTES) {
                    return null;
                }
            }
            Arrays.sort(v, Arrays::compareUnsigned);
            List<Object> out = new ArrayList<>(v.length);
            for (byte[] b : v) {
                out.add(Values.fromBytes(type, b));
            }
            return out;
        }
        return null;
    }

    /** The chunk in the mappings of format version 1. */
    public static EncodedChunk encode(ColumnType type, Object[] values) {
        return encode(type, values, 1);
    }

    /**
     * The chunk in the mappings of format versions up to {@code formatVersion}: from 3, string and bytes chunks
     * that are not dictionaries may take DEFLATE_BYTES when their deflated bytes are at most half their raw bytes
     * (free text, JSON, logs); from 4, string and bytes dictionaries may take RANS_DICTIONARY where it is
     * estimated cheaper ({@link RansDictionary#encodeIfCheaper}).
     */
    public static EncodedChunk encode(ColumnType type, Object[] values, int formatVersion) {
        boolean deflate = formatVersion >= 3;
        int rows = values.length;
        int nulls = 0;
        for (Object v : values) {
            if (v == null) {
                nulls++;
            }
        }
        List<TransformedStream> streams = new ArrayList<>();
        Object[] present = new Object[rows - nulls];
        if (nulls > 0) {
            long[] flags = new long[rows];
            for (int i = 0, j = 0; i < rows; i++) {
                if (values[i] == null) {
                    flags[i] = 1;
                } else {
                    present[j++] = values[i];
                }
            }
            streams.add(Transform.cheapest(flags));
        } else {
            System.arraycopy(values, 0, present, 0, rows);
        }
        Encoding encoding;
        int param = 0;
        Dictionary stringDictionary = null;
        IntDictionary intDictionary = null;
        byte[][] bytes = null;
        long[] ints = null;
        switch (type.kind()) {
            case FLOAT32, FLOAT64 -> {
                boolean f32 = type.kind() == ColumnType.Kind.FLOAT32;
                double[] d = new double[present.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = f32 ? (Float) present[i] : (Double) present[i];
                }
                int scale = DecimalScale.detect(d, f32);
                long[] x = new long[d.length];
                if (scale >= 0) {
                    encoding = Encoding.DECIMAL_SCALED;
                    param = scale;
                    for (int i = 0; i < d.length; i++) {
                        x[i] = DecimalScale.encode(d[i], scale);
                    }
                } else {
                    encoding = Encoding.FLOAT_BITS;
                    for (int i = 0; i < d.length; i++) {
                        // float32 bits come from the Float itself: a float-double-float trip may quiet a NaN.
                        x[i] = f32
                                ? SortableFloatBits.encode((float) (Float) present[i])
                                : SortableFloatBits.encode(d[i]);
                    }
                }
                streams.add(Transform.cheapest(x));
            }
            case STRING, BYTES -> {
                byte[][] b = new byte[present.length][];
                Dictionary counted = null;
                if (type.kind() == ColumnType.Kind.STRING && b.length > 0) {
                    counted = StringCount.dictionary(present, b, b.length / 2);
                }
                if (counted == null) {
                    for (int i = 0; i < b.length; i++) {
                        b[i] = Values.toBytes(type, present[i]);
                    }
                    // Canonical strings are well-formed, so distinct strings have distinct bytes: a string chunk
                    // the count refused has too many distinct values, and counting its bytes again cannot differ.
                    boolean countedAsStrings = type.kind() == ColumnType.Kind.STRING;
                    // A reader copies a bytes entry for every row, so it refuses dictionaries that expand too far.
                    counted = b.length > 0
                                    && !countedAsStrings
                                    && totalLength(b) <= ChunkDescriptor.MAX_BYTES_DICTIONARY_EXPANSION
                            ? Dictionary.count(b, b.length / 2)
                            : null;
                }
                bytes = b;
                stringDictionary = counted;
                Dictionary.Encoded dict = counted != null ? counted.encode() : null;
                byte[] rans = dict != null && formatVersion >= 4
                        ? RansDictionary.encodeIfCheaper(dict.entries(), dict.codes())
                        : null;
                if (rans != null) {
                    encoding = Encoding.RANS_DICTIONARY;
                    param = rans.length;
                    streams.add(Transform.cheapest(DeflatedBytes.words(rans)));
                } else if (dict != null) {
                    encoding = Encoding.DICTIONARY;
                    streams.add(Transform.cheapest(dict.codes()));
                    param = addLengthsAndBytes(streams, dict.entries());
                } else {
                    // The layouts' costs come from histograms: only a chunk that stays LENGTH_BYTES lays its
                    // bytes out, once, in the layout it keeps.
                    long[] rowMajor = ByteLayout.costs(b, false);
                    long[] positionMajor = ByteLayout.costs(b, true);
                    boolean byPosition = Transform.leastOf(positionMajor) < Transform.leastOf(rowMajor);
                    long[] laid = byPosition ? positionMajor : rowMajor;
                    byte[] compressed = deflate ? deflatedIfWorth(b, Transform.leastOf(laid)) : null;
                    streams.add(Transform.cheapest(ByteLayout.lengths(b)));
                    if (compressed != null) {
                        encoding = Encoding.DEFLATE_BYTES;
                        param = compressed.length;
                        streams.add(Transform.cheapest(DeflatedBytes.words(compressed)));
                    } else {
                        encoding = Encoding.LENGTH_BYTES;
                        param = byPosition ? 1 : 0;
                        streams.add(Transform.cheapestOf(laid).apply(ByteLayout.bytes(b, byPosition)));
                    }
                }
            }
            default -> {
                long[] x = new long[present.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Values.toLong(type, present[i]);
                }
                ints = x;
                // Costs first (Transform.costs gives each transform's cost without applying it): only the
                // mapping that is kept gets its residuals.
                long[] plainCosts = Transform.costs(x);
                IntDictionary counted = x.length > 0 ? IntDictionary.count(x, x.length / 2) : null;
                intDictionary = counted;
                DictionaryTrial dictionary = counted != null ? cheaperDictionary(counted) : null;
                if (dictionary != null && dictionary.cost() < Transform.leastOf(plainCosts)) {
                    encoding = Encoding.INT_DICTIONARY;
                    streams.add(Transform.cheapestOf(dictionary.codeCosts())
                            .apply(dictionary.encoded().codes()));
                    streams.add(Transform.cheapestOf(dictionary.entryCosts())
                            .apply(dictionary.encoded().entries()));
                } else {
                    encoding = Encoding.INTEGER;
                    streams.add(Transform.cheapestOf(plainCosts).apply(x));
                }
            }
        }
        Object min = null;
        Object max = null;
        if (type.isBinaryLike() && stringDictionary != null) {
            // A dictionary: the extremes are among its distinct values (each compared once, not per value).
            byte[][] v = stringDictionary.values();
            int[] first = stringDictionary.firstIndex();
            int lo = -1;
            int hi = -1;
            for (int i = 0; i < v.length; i++) {
                if (lo < 0 || Arrays.compareUnsigned(v[i], v[lo]) < 0) {
                    lo = i;
                }
                if (hi < 0 || Arrays.compareUnsigned(v[i], v[hi]) > 0) {
                    hi = i;
                }
            }
            if (lo >= 0 && v[lo].length <= MAX_STAT_BYTES && v[hi].length <= MAX_STAT_BYTES) {
                min = present[first[lo]];
                max = present[first[hi]];
            }
        } else if (type.isBinaryLike()) {
            // The bytes made once per value above, compared as they are.
            byte[] lo = null;
            byte[] hi = null;
            for (int i = 0; i < present.length; i++) {
                byte[] x = bytes[i];
                if (lo == null || Arrays.compareUnsigned(x, lo) < 0) {
                    lo = x;
                    min = present[i];
                }
                if (hi == null || Arrays.compareUnsigned(x, hi) > 0) {
                    hi = x;
                    max = present[i];
                }
            }
            if (lo != null && (lo.length > MAX_STAT_BYTES || hi.length > MAX_STAT_BYTES)) {
                min = null;
                max = null;
            }
        } else if (ints != null) {
            // The integer form orders like the values (section 5.1): no boxed comparisons.
            int lo = -1;
            int hi = -1;
            for (int i = 0; i < ints.length; i++) {
                if (lo < 0 || ints[i] < ints[lo]) {
                    lo = i;
                }
                if (hi < 0 || ints[i] > ints[hi]) {
                    hi = i;
                }
            }
            if (lo >= 0) {
                min = present[lo];
                max = present[hi];
            }
        } else {
            for (Object v : present) {
                if (min == null || Values.compare(type, v, min) < 0) {
                    min = v;
                }
                if (max == null || Values.compare(type, v, max) > 0) {
                    max = v;
                }
            }
        }
        return new EncodedChunk(
                rows,
                nulls,
                encoding,
                param,
                streams,
                min,
                max,
                valueSet(type, present, bytes, ints, stringDictionary, intDictionary));
    }

    private static long totalLength(byte[][] values) {
        long total = 0;
        for (byte[] v : values) {
            total += v.length;
        }
        return total;
    }

    /** Chunks below this many bytes stay LENGTH_BYTES: deflate's block overhead would dominate. */
    private static final int MIN_DEFLATE_BYTES = 256;

    /**
     * The values' deflated bytes when their bits are below 40 % of the bytes stream's cost as samples
     * (section 5.2's estimate, which overstates what AV1 spends on bytes about twice; measured: note-like
     * text deflates to 17 % of it and is 3.4x smaller so, structured ids like INV-2024-000123 to 60 % and
     * are 17 % larger so), else null.
     */
    private static byte[] deflatedIfWorth(byte[][] values, long layoutCost) {
        long total = totalLength(values);
        if (total < MIN_DEFLATE_BYTES || total > DeflatedBytes.MAX_TOTAL_BYTES) {
            return null;
        }
        byte[] compressed = DeflatedBytes.deflate(values);
        return 8L * 10 * compressed.length < 4 * layoutCost ? compressed : null;
    }

    /** One order of an integer dictionary with the transform costs of its codes and entries. */
    private record DictionaryTrial(IntDictionary.Encoded encoded, long[] codeCosts, long[] entryCosts) {
        long cost() {
            return Transform.leastOf(codeCosts) + Transform.leastOf(entryCosts);
        }
    }

    /** The cheaper of the two dictionary orders (ascending on a tie). */
    private static DictionaryTrial cheaperDictionary(IntDictionary counted) {
        DictionaryTrial best = null;
        for (boolean byFrequency : new boolean[] {false, true}) {
            IntDictionary.Encoded d = counted.encode(byFrequency);
            DictionaryTrial trial = new DictionaryTrial(d, Transform.costs(d.codes()), Transform.costs(d.entries()));
            if (best == null || trial.cost() < best.cost()) {
                best = trial;
            }
        }
        return best;
    }

    /** Adds the lengths and bytes streams in the cheaper layout; returns the layout (the param). */
    private static int addLengthsAndBytes(List<TransformedStream> streams, byte[][] values) {
        long[] rowMajor = ByteLayout.costs(values, false);
        long[] positionMajor = ByteLayout.costs(values, true);
        boolean byPosition = Transform.leastOf(positionMajor) < Transform.leastOf(rowMajor);
        streams.add(Transform.cheapest(ByteLayout.lengths(values)));
        streams.add(Transform.cheapestOf(byPosition ? positionMajor : rowMajor)
                .apply(ByteLayout.bytes(values, byPosition)));
        return byPosition ? 1 : 0;
    }
}
