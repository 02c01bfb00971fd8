package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The one place an asset's compaction is started (a {@code compactAsset} request, a commit that left many change
 * segments, the daily maintenance): the check for a running one and the start happen under one lock per asset, so
 * two starts at once start one compaction. (A second would rewrite the whole asset beside the first and lose the
 * commit race.) The locks are a fixed set of stripes: assets that share one only wait for each other's start.
 */
@ApplicationScoped
public class CompactionStarts {
    static final int STRIPES = 64;

    private final Object[] stripes = new Object[STRIPES];

    public CompactionStarts() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** A compaction execution of the asset, and whether this call started it (else it was running). */
    public record Start(long execution, boolean started) {}

    /** Starts the asset's compaction on {@code jobs} unless one runs there; answers with the running one if so. */
    public Start startUnlessRunning(UUID assetId, MaintenanceJobs jobs) {
        synchronized (stripes[Math.floorMod(assetId.hashCode(), STRIPES)]) {
            OptionalLong running = jobs.runningCompaction(assetId);
            if (running.isPresent()) {
                return new Start(running.getAsLong(), false);
            }
            return new Start(jobs.startCompaction(assetId), true);
        }
    }
}
