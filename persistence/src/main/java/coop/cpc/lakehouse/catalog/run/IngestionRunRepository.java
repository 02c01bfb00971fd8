package coop.cpc.lakehouse.catalog.run;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Port: the executions of ingestion jobs and what their runs have staged. Joins the caller's transaction. */
public interface IngestionRunRepository {

    void add(IngestionRun run);

    Optional<IngestionRun> find(long executionId);

    /** Newest first. */
    List<IngestionRun> findByJob(UUID jobId, int limit);

    /**
     * Executions of every job, newest (highest execution id) first, narrowed by whichever criteria are not null.
     *
     * @param jobId       only this job's executions
     * @param from        only executions started at or after this instant
     * @param to          only executions started before this instant
     * @param executionId only this execution
     * @param before      only executions with a smaller id (keyset paging)
     */
    List<IngestionRun> search(UUID jobId, Instant from, Instant to, Long executionId, Long before, int limit);

    /** The executions of one job instance (a run and its restarts), oldest first. */
    List<IngestionRun> findByInstance(long jobInstanceId);

    /**
     * Whether an execution of the job instance committed: its commit transaction ran (with or without rows,
     * {@link IngestionRun#getCommittedAt()}) or a snapshot names one of its executions, so what it read must
     * not be read again (file drops move its claimed files to processed/).
     */
    boolean committed(long jobInstanceId);

    /** The newest execution of the job, if it ever ran. */
    Optional<IngestionRun> latest(UUID jobId);

    void stage(StagedSegmentFile file);

    /** Staged files of a job instance, in the order they were staged. */
    List<StagedSegmentFile> staged(long jobInstanceId);

    /** Staged files of the job's runs other than {@code keepInstance} (runs that failed and were not restarted). */
    List<StagedSegmentFile> stagedOfOtherInstances(UUID jobId, long keepInstance);

    /** Segment files staged for an asset by any run, not yet committed. */
    List<StagedSegmentFile> stagedForAsset(UUID assetId);

    /** Which of {@code paths} a run has staged and not yet committed, in one query. */
    Set<String> stagedAmong(Collection<String> paths);

    /** Which of the executions the catalog has a run of (not purged, its job not deleted), in one query. */
    Set<Long> executionsAmong(Collection<Long> executionIds);

    /**
     * Records that the job instance's read went on to the end of the source for these assets (those already
     * recorded for it are kept).
     */
    void readWhole(long jobInstanceId, UUID jobId, long executionId, Collection<UUID> assets);

    /** The assets the job instance read whole ({@link #readWhole}), not yet committed. */
    List<UUID> readWhole(long jobInstanceId);

    /** Forgets what the job instance read whole: its commit took it into account. */
    void forgetReadWhole(long jobInstanceId);

    /** Sends pending changes to the database now, so a constraint they break fails here, not at commit. */
    void flush();

    void unstage(List<StagedSegmentFile> files);

    /**
     * The server kind (WILDFLY, OPEN_LIBERTY) whose job repository the runs belong to, if a server has
     * claimed the catalog (V9__job_repository_owner.sql).
     */
    Optional<String> jobRepositoryOwner();

    /** Claims the catalog for this server kind unless one already has; returns the owner after the claim. */
    String claimJobRepository(String serverKind);
}
