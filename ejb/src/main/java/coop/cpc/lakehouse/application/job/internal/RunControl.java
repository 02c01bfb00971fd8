package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.StartedExecution;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/** Starts, stops and restarts the runs of jobs on the {@link JobRunner}, one run of a job at a time. */
final class RunControl {
    private static final Logger LOG = Logger.getLogger(RunControl.class.getName());
    /** No job instance: Jakarta Batch numbers them from 1. */
    private static final long NO_INSTANCE = 0;

    private final JobRunner runner;
    private final IngestionRunRepository runs;
    /** Deletes a discarded run's staged files once the transaction that discards them has committed. */
    private final FilesAfterTransaction files;

    private final TableCommits commits;
    private final SourceEnvironment environment;

    RunControl(
            JobRunner runner,
            IngestionRunRepository runs,
            FilesAfterTransaction files,
            TableCommits commits,
            SourceEnvironment environment) {
        this.runner = runner;
        this.runs = runs;
        this.files = files;
        this.commits = commits;
        this.environment = environment;
    }

    /** A new run: a new batch job instance. Staged data of an earlier run that was not restarted is discarded. */
    IngestionRun start(IngestionJob job, RunTrigger trigger) throws JobStateException {
        JobRepositoryOwnership.require(runs, runner.serverKind());
        SourceKind<?> kind = SourceKinds.of(SourceSettingsJson.read(job.getSourceConfig()));
        requireTarget(job, kind);
        requireNotRunning(job);
        // Claimed only by a start that goes ahead: a refused one (the job is running) claims nothing.
        JobRepositoryOwnership.claim(runs, runner.serverKind());
        String jobName = kind.jobName();
        StartedExecution started = runner.start(jobName, RunParameters.of(job));
        discardStagedOfOtherRuns(job, started.jobInstanceId());
        IngestionRun run = new IngestionRun(started.executionId(), started.jobInstanceId(), job.getId(), trigger, null);
        runs.add(run);
        LOG.info(() -> "Started ingestion job " + job.getName() + " (" + job.getId() + ") as execution "
                + started.executionId());
        return run;
    }

    void stop(long executionId) throws JobStateException {
        if (runner.isInterrupted(executionId)) {
            throw new JobStateException("execution " + executionId
                    + " was interrupted by a server stop and is not running; " + "restart it or start the job anew");
        }
        runner.stop(executionId);
    }

    IngestionRun restart(IngestionRun run, IngestionJob job) throws JobStateException {
        long executionId = run.getExecutionId();
        ExecutionState state = runner.execution(executionId);
        boolean wasInterrupted = runner.isInterrupted(executionId);
        if (!state.restartable() && !wasInterrupted) {
            throw new JobStateException("execution " + executionId + " is " + state.batchStatus()
                    + "; only a stopped, failed or interrupted execution can be restarted");
        }
        requireNotRunning(job);
        var latest = runs.latest(job.getId());
        if (latest.isPresent() && latest.get().getJobInstanceId() != run.getJobInstanceId()) {
            throw new JobStateException("execution " + executionId + " belongs to an earlier run of ingestion job "
                    + job.getName() + "; a newer run exists: restart that one or start the job anew");
        }
        long next = runner.restart(executionId, RunParameters.of(job));
        runner.restarted(executionId);
        IngestionRun restart =
                new IngestionRun(next, run.getJobInstanceId(), run.getJobId(), RunTrigger.RESTART, executionId);
        runs.add(restart);
        LOG.info(() -> "Restarted execution " + executionId + " of ingestion job " + job.getName() + " as " + next);
        return restart;
    }

    /**
     * Refuses while the job's latest run is running, or stopped, failed or interrupted (a restart would
     * resume it from its checkpoint against the changed source, and commit what it staged into the old
     * target): the caller stops and abandons it first.
     */
    void requireNoUnfinishedRun(IngestionJob job) throws JobStateException {
        // The latest run's execution id belongs to the server kind that owns the job repository: another one
        // would look it up in a repository of its own (not found, or an unrelated execution of that id).
        JobRepositoryOwnership.require(runs, runner.serverKind());
        requireNotRunning(job);
        var latest = runs.latest(job.getId());
        if (latest.isPresent()) {
            long execution = latest.get().getExecutionId();
            ExecutionState state = runner.execution(execution);
            if (state.restartable() || runner.isInterrupted(execution)) {
                throw new JobStateException("execution " + execution + " of ingestion job " + job.getName() + " is "
                        + (state.restartable() ? state.batchStatus() : "interrupted")
                        + " and could be restarted against the changed source or target; abandon it"
                        + " (abandonJobExecution) before changing what the job reads or where it writes");
            }
        }
    }

    /**
     * Before the job is deleted: refuses while a run of it is going, settles what its committed runs left unfinished
     * in the source (a file drop's claimed files go to processed/: once the runs are forgotten, the folder's next job
     * would read them again) and refuses, naming the run, when that fails; and deletes what its unfinished runs staged
     * (a file a snapshot names stays) once the deletion has committed. Their rows go with the job's (ON DELETE
     * CASCADE).
     */
    void discardRunsOfDeletedJob(IngestionJob job) throws JobStateException {
        JobRepositoryOwnership.require(runs, runner.serverKind());
        requireNotRunning(job);
        settleCommittedRuns(job);
        discardStagedOfOtherRuns(job, NO_INSTANCE);
    }

    private void settleCommittedRuns(IngestionJob job) throws JobStateException {
        SourceSettings source = SourceSettingsJson.read(job.getSourceConfig());
        try {
            SourceKinds.of(source).beforeDelete(source, environment, runs::committed);
        } catch (IOException e) {
            throw new JobStateException("ingestion job " + job.getName() + " is not deleted: " + e.getMessage()
                    + "; that run's rows are in the asset already and the next job on the same source would read them"
                    + " again: fix the cause (or move the files on by hand) and delete the job again");
        }
    }

    /**
     * deleteAsset leaves the jobs that fed the asset without a target (ON DELETE SET NULL): a run would only fail,
     * at every tick of a schedule. A restart stays allowed: the restarted run fails and gives back what it took.
     */
    private static void requireTarget(IngestionJob job, SourceKind<?> kind) throws JobStateException {
        if (kind.feedsTargetAsset() && job.getTargetAssetId() == null) {
            throw new JobStateException("ingestion job " + job.getName() + " has no target asset (it was deleted);"
                    + " give it one with updateIngestionJob before starting it");
        }
    }

    /** One run of a job at a time: a second one would hand back (file drops) or discard what the first claimed. */
    private void requireNotRunning(IngestionJob job) throws JobStateException {
        var latest = runs.latest(job.getId());
        if (latest.isPresent()) {
            long execution = latest.get().getExecutionId();
            if (runner.execution(execution).running() && !runner.isInterrupted(execution)) {
                throw new JobStateException("ingestion job " + job.getName() + " is running (execution " + execution
                        + "); stop it or wait for it to end");
            }
        }
    }

    /**
     * A new run replaces a failed one that was not restarted: what that one staged will never be committed. A file
     * a segment of the catalog names stays (a commit recorded it though its run was not marked committed). The files
     * go once this transaction has committed: one that rolls back keeps the staged rows, and a restart of the run
     * they belong to would commit them, so their files must still be there.
     */
    private void discardStagedOfOtherRuns(IngestionJob job, long keepInstance) {
        List<StagedSegmentFile> stale = runs.stagedOfOtherInstances(job.getId(), keepInstance);
        Set<String> committed = stale.isEmpty()
                ? Set.of()
                : commits.knownPaths(
                        stale.stream().map(StagedSegmentFile::getPath).toList());
        List<String> discarded = new ArrayList<>();
        for (StagedSegmentFile file : stale) {
            if (committed.contains(file.getPath())) {
                LOG.warning(() -> "Keeping the staged segment " + file.getPath() + " of an unfinished run of "
                        + job.getName() + ": a snapshot of the catalog names it");
                continue;
            }
            discarded.add(file.getPath());
        }
        runs.unstage(stale);
        files.deleteAfterCommit(discarded);
        if (!stale.isEmpty()) {
            LOG.info(() ->
                    "Discarded " + stale.size() + " staged segment(s) of earlier unfinished runs of " + job.getName());
        }
    }
}
