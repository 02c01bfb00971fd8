package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run as the API shows it: the catalog's record with the runner's status, metrics and rejects file. */
final class RunDescriptions {
    private final JobRunner runner;
    private final Path storageRoot;

    RunDescriptions(JobRunner runner, Path storageRoot) {
        this.runner = runner;
        this.storageRoot = storageRoot;
    }

    JobRun describe(IngestionRun run) {
        ExecutionState execution = runner.execution(run.getExecutionId());
        String rejects = RejectsFiles.relativePath(run.getJobId(), run.getExecutionId());
        boolean hasRejects = Files.exists(storageRoot.resolve(rejects));
        return new JobRun(
                run.getExecutionId(),
                run.getJobInstanceId(),
                run.getJobId(),
                execution.batchStatus(),
                execution.exitStatus(),
                run.getTrigger().name(),
                run.getRestartOf(),
                runner.isInterrupted(run.getExecutionId()),
                execution.startedAt(),
                execution.endedAt(),
                execution.steps(),
                hasRejects ? rejects : null);
    }
}
