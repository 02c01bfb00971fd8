package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The batch adapter's maintenance jobs, recorded instead of started. */
final class RecordingMaintenanceJobs implements MaintenanceJobs {
    /** Assets whose compaction was started, in order. */
    final List<UUID> compactions = new ArrayList<>();
    /** Assets whose compaction counts as running. */
    final Set<UUID> running = new HashSet<>();

    int expiries;

    @Override
    public long startCompaction(UUID assetId) {
        compactions.add(assetId);
        return compactions.size();
    }

    @Override
    public boolean compactionRunning(UUID assetId) {
        return running.contains(assetId);
    }

    @Override
    public long startSnapshotExpiry() {
        return ++expiries;
    }
}
