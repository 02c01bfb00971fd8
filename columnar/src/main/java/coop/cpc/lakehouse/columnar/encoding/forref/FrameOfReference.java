package coop.cpc.lakehouse.columnar.encoding.forref;

/** Frame of reference: subtract the minimum so every residual is a small unsigned number. */
public final class FrameOfReference {
    private FrameOfReference() {}

    /** Replaces each value by value - min (unsigned result) and returns min (0 if empty). */
    public static long encode(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] -= min;
        }
        return min;
    }

    public static void decode(long[] residuals, long base) {
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] += base;
        }
    }
}
