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

    /** Inverts {@link #apply}: the stream of length values from first values and residuals. */
    public long[] invert(long[] first, long base, long[] residuals, int length) {
        long[] r = residuals.clone();
        if (zigzag) {
            for (int i = 0; i < r.length; i++) {
                r[i] = ZigZag.decode(r[i]);
            }
        } else {
            FrameOfReference.decode(r, base);
        }
        return Differences.inverse(first, r, order, length);
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

    /** The costs of all six transforms, in declaration order, in two passes over the values. */
    static long[] costs(long[] values) {
        int n = values.length;
        long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long[] zig = new long[3];
        long prev = 0;
        long prevDelta = 0;
        for (int i = 0; i < n; i++) {
            long r0 = values[i];
            long r1 = r0 - prev;
            long r2 = r1 - prevDelta;
            min[0] = Math.min(min[0], r0);
            zig[0] += bits(ZigZag.encode(r0));
            if (i >= 1) {
                min[1] = Math.min(min[1], r1);
                zig[1] += bits(ZigZag.encode(r1));
            }
            if (i >= 2) {
                min[2] = Math.min(min[2], r2);
                zig[2] += bits(ZigZag.encode(r2));
            }
            prev = r0;
            prevDelta = r1;
        }
        long[] forCost = new long[3];
        prev = 0;
        prevDelta = 0;
        for (int i = 0; i < n; i++) {
            long r0 = values[i];
            long r1 = r0 - prev;
            long r2 = r1 - prevDelta;
            forCost[0] += bits(r0 - min[0]);
            if (i >= 1) {
                forCost[1] += bits(r1 - min[1]);
            }
            if (i >= 2) {
                forCost[2] += bits(r2 - min[2]);
            }
            prev = r0;
            prevDelta = r1;
        }
        return new long[] {forCost[0], zig[0], forCost[1], zig[1], forCost[2], zig[2]};
    }

    private static int bits(long u) {
        return 65 - Long.numberOfLeadingZeros(u);
    }
}
