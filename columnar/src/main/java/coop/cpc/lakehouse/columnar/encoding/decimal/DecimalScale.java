package coop.cpc.lakehouse.columnar.encoding.decimal;

/**
 * Exact-decimal detection for floating point values (section 5.1, DECIMAL_SCALED): a heart
 * rate of 72.4 is the integer 724 at scale 1 when 724 / 10.0 gives back exactly 72.4's bits.
 */
public final class DecimalScale {
    public static final int MAX_SCALE = 9;
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final double LIMIT = 0x1p53;

    private DecimalScale() {}

    /** The smallest scale that represents every value exactly, or -1. */
    public static int detect(double[] values, boolean float32) {
        for (int s = 0; s <= MAX_SCALE; s++) {
            if (fits(values, s, float32)) {
                return s;
            }
        }
        return -1;
    }

    private static boolean fits(double[] values, int scale, boolean float32) {
        double p = POW10[scale];
        for (double v : values) {
            double scaled = v * p;
            if (!(Math.abs(scaled) < LIMIT)) {
                return false;
            }
            long q = Math.round(scaled);
            if (!sameBits(decode(q, scale, float32), v, float32)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(double a, double b, boolean float32) {
        return float32
                ? Float.floatToRawIntBits((float) a) == Float.floatToRawIntBits((float) b)
                : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    public static long encode(double v, int scale) {
        return Math.round(v * POW10[scale]);
    }

    /** The value for an integer at a scale; for float32 columns the caller narrows to float. */
    public static double decode(long q, int scale, boolean float32) {
        double d = q / POW10[scale];
        return float32 ? (float) d : d;
    }
}
