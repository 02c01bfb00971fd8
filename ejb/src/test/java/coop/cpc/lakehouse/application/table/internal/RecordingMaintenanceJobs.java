package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/** The batch adapter's maintenance jobs, recorded instead of started. */
final class RecordingMaintenanceJobs implements MaintenanceJobs {
    /** Assets whose compaction was started, in order. */
    final List<UUID> compactions = new ArrayList<>();
    /** Assets whose compaction counts as running, with that compaction's execution id. */
    final Map<UUID, Long> running = new HashMap<>();

    int expiries;

    @Override
    public long startCompaction(UUID assetId) {
        compactions.add(assetId);
        return compactions.size();
    }

    @Override
    public OptionalLong runningCompaction(UUID assetId) {
        Long execution = running.get(assetId);
        return execution == null ? OptionalLong.empty() : OptionalLong.of(execution);
    }

    @Override
    public long startSnapshotExpiry() {
        return ++expiries;
    }
}
