package coop.cpc.lakehouse.columnar.encoding.delta;

import java.util.Arrays;

/**
 * k-th order differences in wrapping 64-bit arithmetic, which makes them exactly invertible
 * for any input. The first k values are kept aside.
 */
public final class Differences {
    private Differences() {}

    /** The kept first values and the residuals. */
    public record Result(long[] first, long[] residuals) {}

    public static Result forward(long[] values, int order) {
        int k = Math.min(order, values.length);
        long[] first = Arrays.copyOf(values, k);
        long[] work = values.clone();
        for (int pass = 0; pass < order; pass++) {
            for (int i = work.length - 1; i > pass; i--) {
                work[i] -= work[i - 1];
            }
        }
        // After pass p, work[p] holds the p-th difference's first element; the residuals start at k.
        return new Result(first, k == 0 ? work : Arrays.copyOfRange(work, k, work.length));
    }

    /** The values from the kept first values and the residuals; with order 0 that is {@code residuals} itself. */
    public static long[] inverse(long[] first, long[] residuals, int order, int length) {
        if (order == 0 && residuals.length == length) {
            return residuals;
        }
        long[] work = new long[length];
        int k = Math.min(order, length);
        // Rebuild the head of every difference level from the kept first values.
        long[] heads = first.clone();
        for (int pass = 0; pass < k; pass++) {
            for (int i = k - 1; i > pass; i--) {
                heads[i] -= heads[i - 1];
            }
        }
        System.arraycopy(heads, 0, work, 0, k);
        System.arraycopy(residuals, 0, work, k, length - k);
        for (int pass = order - 1; pass >= 0; pass--) {
            for (int i = pass + 1; i < length; i++) {
                work[i] += work[i - 1];
            }
        }
        return work;
    }
}
