package coop.cpc.lakehouse.columnar.encoding;

import coop.cpc.lakehouse.columnar.encoding.delta.Differences;
import coop.cpc.lakehouse.columnar.encoding.forref.FrameOfReference;
import java.util.Locale;

/**
 * Integer transforms from a stream to unsigned residuals (section 5.2): differences of order
 * 0, 1 or 2, then frame of reference or zig-zag. The wire ids are stable.
 */
public enum Transform {
    FOR(0, 0, false),
    ZIGZAG(1, 0, true),
    DELTA_FOR(2, 1, false),
    DELTA_ZIGZAG(3, 1, true),
    DELTA2_FOR(4, 2, false),
    DELTA2_ZIGZAG(5, 2, true);

    private final int wireId;
    private final int order;
    private final boolean zigzag;

    Transform(int wireId, int order, boolean zigzag) {
        this.wireId = wireId;
        this.order = order;
        this.zigzag = zigzag;
    }

    public int wireId() {
        return wireId;
    }

    /** How many leading values are kept in the chunk index instead of becoming residuals. */
    public int order() {
        return order;
    }

    public boolean zigzag() {
        return zigzag;
    }

    public static Transform fromWireId(long id) {
        for (Transform t : values()) {
            if (t.wireId == id) {
                return t;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Applies this transform. */
    public TransformedStream apply(long[] values) {
        Differences.Result d = Differences.forward(values, order);
        long[] r = d.residuals();
        long base = 0;
        if (zigzag) {
            for (int i = 0; i < r.length; i++) {
                r[i] = ZigZag.encode(r[i]);
            }
        } else {
            base = FrameOfReference.encode(r);
        }
        return new TransformedStream(this, values.length, d.first(), base, r);
    }

    /**
     * Inverts {@link #apply}: the stream of length values from first values and residuals. Works in
     * {@code residuals}, which the caller hands over (a reader's freshly decoded array; for a 65,536-row chunk a
     * copy was one more 512 KB array, which G1 allocates as a humongous object), and may return it.
     */
    public long[] invert(long[] first, long base, long[] residuals, int length) {
        if (order > 0 && length > order && first.length == order) {
            return zigzag
                    ? undoZigzagDifferences(first, residuals, length)
                    : undoForDifferences(first, base, residuals, length);
        }
        long[] r = residuals;
        if (zigzag) {
            for (int i = 0; i < r.length; i++) {
                r[i] = ZigZag.decode(r[i]);
            }
        } else {
            FrameOfReference.decode(r, base);
        }
        return Differences.inverse(first, r, order, length);
    }

    /**
     * {@link #invert} of a zig-zag difference transform in one pass: each residual decoded and summed into the running
     * difference(s) as it is read, the additions of {@link Differences#inverse} (copy, then a prefix-sum pass per
     * order) in the same order, so the same values, overflow included.
     */
    private long[] undoZigzagDifferences(long[] first, long[] residuals, int length) {
        long[] out = new long[length];
        long v = first[0];
        out[0] = v;
        if (order == 1) {
            for (int i = 1; i < length; i++) {
                v += ZigZag.decode(residuals[i - 1]);
                out[i] = v;
            }
            return out;
        }
        long d = first[1] - first[0];
        v += d;
        out[1] = v;
        for (int i = 2; i < length; i++) {
            d += ZigZag.decode(residuals[i - 2]);
            v += d;
            out[i] = v;
        }
        return out;
    }

    /** {@link #undoZigzagDifferences} for the frame-of-reference residuals: each residual plus {@code base}. */
    private long[] undoForDifferences(long[] first, long base, long[] residuals, int length) {
        long[] out = new long[length];
        long v = first[0];
        out[0] = v;
        if (order == 1) {
            for (int i = 1; i < length; i++) {
                v += residuals[i - 1] + base;
                out[i] = v;
            }
            return out;
        }
        long d = first[1] - first[0];
        v += d;
        out[1] = v;
        for (int i = 2; i < length; i++) {
            d += residuals[i - 2] + base;
            v += d;
            out[i] = v;
        }
        return out;
    }

    /** The cheapest transform for these values by the section 5.2 cost (lowest id on ties). */
    public static TransformedStream cheapest(long[] values) {
        // Costs are computed on the fly, without materialising the five transforms that lose.
        return cheapestOf(costs(values)).apply(values);
    }

    /** The transform of least cost (lowest id on ties) among the six costs, in declaration order. */
    public static Transform cheapestOf(long[] costs) {
        Transform best = null;
        for (Transform t : values()) {
            if (best == null || costs[t.ordinal()] < costs[best.ordinal()]) {
                best = t;
            }
        }
        return best;
    }

    /** The least of the six costs. */
    public static long leastOf(long[] costs) {
        return costs[cheapestOf(costs).ordinal()];
    }

    /** The section 5.2 cost of this transform's residuals: sum of bitLength(u) + 1. */
    long cost(long[] values) {
        return costs(values)[ordinal()];
    }

    /**
     * Values per block of {@link #costs}' loops, whose leading-zero counts are summed in ints: at most 64 per value,
     * so a block's sum stays below 2^30.
     */
    static final int COST_BLOCK = 1 << 24;

    /**
     * The costs of all six transforms, in declaration order, in two passes over the values. The first two values are
     * peeled off the loops; in them the previous value and difference are carried in registers, minima and sums are
     * locals (so that the JIT keeps them in registers), and a cost sum(65 - numberOfLeadingZeros(u)) is kept as the
     * sum of the leading zeros in an int per block of at most {@link #COST_BLOCK} values (int adds of the counts, not
     * long adds of each 65 - count: about a third less time per value).
     */
    static long[] costs(long[] values) {
        return costs(values, COST_BLOCK);
    }

    /** {@link #costs(long[])} with the leading zeros summed per {@code block} values (1..{@link #COST_BLOCK}). */
    static long[] costs(long[] values, int block) {
        int n = values.length;
        long min0 = Long.MAX_VALUE;
        long min1 = Long.MAX_VALUE;
        long min2 = Long.MAX_VALUE;
        long zig0 = 0;
        long zig1 = 0;
        long zig2 = 0;
        if (n >= 1) {
            min0 = values[0];
            zig0 = bits(ZigZag.encode(values[0]));
        }
        if (n >= 2) {
            long r0 = values[1];
            long r1 = r0 - values[0];
            min0 = Math.min(min0, r0);
            zig0 += bits(ZigZag.encode(r0));
            min1 = r1;
            zig1 = bits(ZigZag.encode(r1));
        }
        long previous = n >= 2 ? values[1] : 0;
        long difference = n >= 2 ? values[1] - values[0] : 0;
        for (int from = 2; from < n; from += block) {
            int to = (int) Math.min(n, (long) from + block);
            int zeros0 = 0;
            int zeros1 = 0;
            int zeros2 = 0;
            for (int i = from; i < to; i++) {
                long r0 = values[i];
                long r1 = r0 - previous;
                long r2 = r1 - difference;
                previous = r0;
                difference = r1;
                min0 = Math.min(min0, r0);
                min1 = Math.min(min1, r1);
                min2 = Math.min(min2, r2);
                zeros0 += Long.numberOfLeadingZeros(ZigZag.encode(r0));
                zeros1 += Long.numberOfLeadingZeros(ZigZag.encode(r1));
                zeros2 += Long.numberOfLeadingZeros(ZigZag.encode(r2));
            }
            long count = to - from;
            zig0 += 65 * count - zeros0;
            zig1 += 65 * count - zeros1;
            zig2 += 65 * count - zeros2;
        }
        long for0 = 0;
        long for1 = 0;
        long for2 = 0;
        if (n >= 1) {
            for0 = bits(values[0] - min0);
        }
        if (n >= 2) {
            for0 += bits(values[1] - min0);
            for1 = bits(values[1] - values[0] - min1);
        }
        previous = n >= 2 ? values[1] : 0;
        difference = n >= 2 ? values[1] - values[0] : 0;
        for (int from = 2; from < n; from += block) {
            int to = (int) Math.min(n, (long) from + block);
            int zeros0 = 0;
            int zeros1 = 0;
            int zeros2 = 0;
            for (int i = from; i < to; i++) {
                long r0 = values[i];
                long r1 = r0 - previous;
                long r2 = r1 - difference;
                previous = r0;
                difference = r1;
                zeros0 += Long.numberOfLeadingZeros(r0 - min0);
                zeros1 += Long.numberOfLeadingZeros(r1 - min1);
                zeros2 += Long.numberOfLeadingZeros(r2 - min2);
            }
            long count = to - from;
            for0 += 65 * count - zeros0;
            for1 += 65 * count - zeros1;
            for2 += 65 * count - zeros2;
        }
        return new long[] {for0, zig0, for1, zig1, for2, zig2};
    }

    private static int bits(long u) {
        return 65 - Long.numberOfLeadingZeros(u);
    }
}
