package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.source.SourceReader;
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
     * Stages a chunk's rows, in the chunk's transaction: one segment file per target asset, recorded
     * with what the source has read up to, so a restart resumes exactly after the staged chunks.
     */
    void stage(UUID jobId, long jobInstanceId, List<IngestRow> rows, SourceReader source) throws RunStepException;

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
     * it. A run whose target asset was deleted under it can never commit: its source gives back what
     * it took.
     *
     * @param batchStatus the execution's batch status (STOPPED, FAILED, ABANDONED)
     * @return the exit status to show instead of the failure's own, or null to keep it
     */
    String ended(UUID jobId, long executionId, long jobInstanceId, String batchStatus, String exitStatus);

    /** An execution the server was running when it stopped (kill -9, power loss): it needs a restart. */
    void interrupted(UUID jobId);
}
