package coop.cpc.lakehouse.application.table;

import jakarta.ejb.Local;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Port: the batch jobs that keep tables in shape ({@code compact-asset}, {@code expire-snapshots}).
 * The batch module implements it on JBeret, because the module that holds a job's XML is the one
 * that must start it (see docs/architecture.md).
 */
@Local
public interface MaintenanceJobs {

    /** Starts {@code compact-asset} for the asset; returns the execution id. */
    long startCompaction(UUID assetId);

    /** The id of a {@code compact-asset} execution for the asset that runs now, if any. */
    OptionalLong runningCompaction(UUID assetId);

    /** Whether a {@code compact-asset} execution for the asset runs now. */
    default boolean compactionRunning(UUID assetId) {
        return runningCompaction(assetId).isPresent();
    }

    /** Starts {@code expire-snapshots} over every asset; returns the execution id. */
    long startSnapshotExpiry();
}
