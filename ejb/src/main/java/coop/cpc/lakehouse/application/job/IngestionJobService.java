package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import jakarta.ejb.Local;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ingestion jobs: their definitions, their runs as Jakarta Batch executions, their schedules. */
@Local
public interface IngestionJobService {

    IngestionJob get(UUID id) throws UnknownIngestionJobException;

    /**
     * @param status only jobs in this status, or all when null
     * @param after  continue after this job, or from the start when null
     * @param first  page size, 1 to the configured maximum
     */
    Page<IngestionJob> list(JobStatus status, TimeOrderCursor after, int first) throws InvalidInputException;

    /** Validates the definition (names, paths, URL, aliases, schedule) and stores the job; schedules it if asked. */
    IngestionJob create(NewIngestionJob job) throws InvalidInputException, UnknownAssetException, ForbiddenException;

    /**
     * Changes the job. A change of what it reads (PostgreSQL: url or table; sled: path, trees, target
     * namespace or prefix; HTTP: url, records pointer or pagination; file drop: folder) or of its target
     * asset drops its next-run state (the next run reads the new source from the start) and is refused
     * while a run of the job is running, stopped, failed or interrupted (abandon that run first).
     */
    IngestionJob update(UUID id, IngestionJobChanges changes)
            throws InvalidInputException, UnknownIngestionJobException, UnknownAssetException, StaleVersionException,
                    JobStateException, ForbiddenException;

    /**
     * Starts a run: a new Jakarta Batch job instance. Staged data of an earlier run that failed and was
     * not restarted is discarded.
     *
     * @throws JobStateException when a run of the job is still going
     */
    JobRun start(UUID id) throws UnknownIngestionJobException, JobStateException;

    /**
     * The last tick of each of these jobs' schedules that started no run (skipped or failed), for the jobs that have
     * one: kept in this server's memory until a run of the job starts or its schedule is cancelled or replaced, and
     * lost at a restart. Not audited on its own: it completes jobs that an audited {@link #get}, {@link #list},
     * {@link #update} of the same request returned, and reads no catalog.
     */
    Map<UUID, MissedTick> missedTicks(Collection<UUID> jobIds);

    /** {@link #start} by a schedule's timer; the run is recorded as triggered by the schedule. */
    JobRun startScheduled(UUID id) throws UnknownIngestionJobException, JobStateException;

    /** Asks a running execution to stop at its next checkpoint; it can be restarted from there. */
    JobRun stop(long executionId) throws UnknownJobExecutionException, JobStateException;

    /**
     * Restarts a stopped, failed or interrupted execution from its last checkpoint, as a new execution
     * of the same job instance.
     */
    JobRun restart(long executionId) throws UnknownJobExecutionException, JobStateException;

    /** The job's executions, newest first. */
    List<JobRun> executions(UUID jobId, int first)
            throws UnknownIngestionJobException, InvalidInputException, ForeignJobRepositoryException;

    JobRun execution(long executionId) throws UnknownJobExecutionException, ForeignJobRepositoryException;

    /**
     * Executions of every job, newest first, narrowed by the filter. The status is the job repository's, so
     * a page examines at most a bounded number of executions: it may hold fewer than {@code first} while
     * {@link ExecutionPage#hasNextPage()} says more may follow after {@link ExecutionPage#resumeAfter()}.
     *
     * @param before continue with executions older than this one, or from the newest when null
     */
    ExecutionPage searchExecutions(ExecutionFilter filter, Long before, int first)
            throws InvalidInputException, ForeignJobRepositoryException;

    /** Marks a stopped or failed execution as never to be restarted (Jakarta Batch ABANDONED). */
    JobRun abandon(long executionId) throws UnknownJobExecutionException, JobStateException;

    /**
     * Deletes the job: cancels its schedule's timer, deletes what its unfinished runs staged, its runs (the catalog's
     * {@code ingestion_runs} go with it) and their rejects files. Its target asset and the snapshots and lineage its
     * runs committed stay (no longer naming the job). Refused while a run of the job is going.
     *
     * @throws JobStateException when a run of the job is running (stop it or wait for it to end)
     */
    void delete(UUID id) throws UnknownIngestionJobException, JobStateException;
}
