package coop.cpc.lakehouse.catalog.job;

import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the stored ingestion jobs. Runs inside the caller's transaction. */
public interface IngestionJobRepository {

    Optional<IngestionJob> find(UUID id);

    /**
     * The job, its row locked (SELECT ... FOR UPDATE) until the caller's transaction ends: a second caller waits,
     * then sees what the first committed (e.g. its run). Starts, restarts and updates of a job take it first.
     */
    Optional<IngestionJob> findForUpdate(UUID id);

    /**
     * One page of jobs ordered by (created_at, id).
     *
     * @param statusOrNull only jobs in this status, or all when null
     * @param afterOrNull  start after this position, or at the beginning when null
     * @param limit        at most this many jobs (positive)
     */
    List<IngestionJob> page(JobStatus statusOrNull, TimeOrderCursor afterOrNull, int limit);

    /** The cursor that continues {@link #page} after the given job. */
    static TimeOrderCursor after(IngestionJob job) {
        return new TimeOrderCursor(job.getCreatedAt(), job.getId());
    }

    /** Jobs that feed the given asset, oldest first. */
    List<IngestionJob> findByTargetAsset(UUID assetId);

    /** Jobs with the given schedule kind, oldest first (e.g. REALTIME jobs to resume at startup). */
    List<IngestionJob> findBySchedule(ScheduleKind schedule);

    /** Jobs reading the given kind of source, oldest first (e.g. file drops, to keep one job per folder). */
    List<IngestionJob> findBySourceType(SourceType sourceType);

    /**
     * Sets the job's {@code next_run_at} and nothing else, its version unchanged: the schedules' start-up repair
     * runs beside the start-up's other work on jobs, whose version checks it must not fail. A change to the job read
     * before it keeps the recorded value: an update writes only the columns it changed.
     */
    void recordNextRun(UUID id, Instant nextRunAt);

    void add(IngestionJob job);

    void remove(IngestionJob job);
}
