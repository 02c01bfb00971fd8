package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.catalog.job.IngestionJob;
import java.io.Serializable;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * A run's request to open its job's source.
 *
 * @param checkpoint    where a restart resumes, or null for a new run
 * @param jobInstanceId the run (a restart keeps it): a file drop claims into a folder of its own
 * @param stopRequested true once the run was asked to stop; long reads give up when it is
 * @param assets        the run's target asset, and the assets a kind creates
 * @param committed     whether a job instance (an earlier run of the job) committed a snapshot
 */
public record OpenRequest(
        IngestionJob job,
        Serializable checkpoint,
        long jobInstanceId,
        BooleanSupplier stopRequested,
        SourceEnvironment environment,
        RunAssets assets,
        LongPredicate committed) {}
