package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import coop.cpc.lakehouse.application.table.StagedSegment;
import jakarta.ejb.Local;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What the batch jobs of ingestion ask of the application: open a job's source, stage the rows of
 * a chunk, commit a run, keep the job's status in step with its runs. The batch artifacts hold no
 * catalog access of their own.
 */
@Local
public interface IngestionRunService {

    /**
     * Opens the job's source for a run, at the checkpoint or where the job's last successful run ended.
     *
     * @param jobInstanceId the run (a restart keeps it)
     * @param stopRequested true once the run was asked to stop; long reads give up when it is
     */
    SourceReader open(UUID jobId, Serializable checkpoint, long jobInstanceId, BooleanSupplier stopRequested)
            throws Exception;

    /**
     * Prepares a chunk's rows in the chunk's transaction: one segment write per target asset (its rows
     * in the asset's schema) with what its staged segment records of the source as it is now.
     */
    List<PreparedSegment> prepare(UUID jobId, List<IngestRow> rows, SourceReader source) throws RunStepException;

    /**
     * Records the written segments of one chunk in {@code staged_segments}, in the transaction that
     * saves the checkpoint after that chunk, so a restart resumes exactly after the staged chunks; the
     * files are deleted if that transaction rolls back.
     *
     * @param segments the written segments, one per prepared segment, in the same order
     */
    void record(UUID jobId, long jobInstanceId, List<PreparedSegment> prepared, List<StagedSegment> segments)
            throws RunStepException;

    /**
     * The run's read reached the end of the source (not a stop, not a failure): records the assets it read whole
     * ({@link SourceReader#assets()}) in the last chunk's transaction, so that the commit of an OVERWRITE source
     * overwrites each of them, also one that got no row.
     */
    void readToEnd(UUID jobId, long jobInstanceId, long executionId, SourceReader source) throws RunStepException;

    /**
     * A pipeline that writes chunks' segments on the server's managed executor while the source reads
     * on, at most {@code ingestion_chunks_in_flight} chunks at once. Close it when the step ends.
     */
    <T> SegmentWritePipeline<T> segmentPipeline();

    /**
     * Commits what the run staged, in one new transaction: a snapshot per target asset, lineage, the
     * job's status and counters. Run again after a crash it finds nothing staged and commits nothing.
     *
     * @param rejected records skipped over every execution of the run
     */
    RunOutcome commit(UUID jobId, long jobInstanceId, long executionId, long rejected) throws Exception;

    /** After the commit's transaction: what the source kind does then (file drops move files to processed/). */
    void afterCommit(UUID jobId, long jobInstanceId) throws Exception;

    /** An execution started: the job is RUNNING. */
    void started(UUID jobId, long executionId);

    /**
     * An execution that did not complete: the job becomes FAILED, or CANCELLED when an operator stopped
     * it, unless a later execution of the job has started since (that one's status stays). A run whose target asset was deleted under it can never commit: its source gives back what
     * it took.
     *
     * @param batchStatus the execution's batch status (STOPPED, FAILED, ABANDONED)
     * @return the exit status to show instead of the failure's own, or null to keep it
     */
    String ended(UUID jobId, long executionId, long jobInstanceId, String batchStatus, String exitStatus);

    /** An execution the server was running when it stopped (kill -9, power loss): it needs a restart. */
    void interrupted(UUID jobId);
}
