package coop.cpc.lakehouse.application.observability;

import java.util.concurrent.atomic.AtomicLongArray;

/** Cumulative counts of observations at or below fixed bounds (seconds), as Prometheus histogram buckets count. */
final class LatencyHistogram {
    static final double[] COMMIT_BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final double[] bounds;
    /** One slot per bound, and a last one for observations above every bound. */
    private final AtomicLongArray counts;

    LatencyHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new AtomicLongArray(bounds.length + 1);
    }

    double[] bounds() {
        return bounds.clone();
    }

    void record(double seconds) {
        int slot = 0;
        while (slot < bounds.length && seconds > bounds[slot]) {
            slot++;
        }
        counts.incrementAndGet(slot);
    }

    /** Observations at or below bound {@code bucket} ({@code bounds.length}: all of them, "+Inf"). */
    double cumulative(int bucket) {
        long sum = 0;
        for (int i = 0; i <= bucket; i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
