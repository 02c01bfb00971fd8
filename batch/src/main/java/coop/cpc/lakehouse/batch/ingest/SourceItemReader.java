package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.batch.operator.StepMetrics;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.LongUnaryOperator;

/**
 * The reader of the ingestion job: has the run service open the job's source at the checkpoint (or
 * where the last successful run ended) and turns each record into an {@link IngestRow} or a
 * skippable {@link RejectedRecordException} (the one past max_errors fails the run, and is written to the rejects
 * file here as the skip listener writes the others). The open source is shared with the writer through the
 * step's transient user data ({@link IngestStep}), so the writer can stage what the source has read
 * up to. The checkpoint it saves is the one after the last chunk whose segments are durable: chunks
 * still being written while it reads on are read again by a restart.
 */
@Named("sourceItemReader")
@Dependent
public class SourceItemReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @EJB
    IngestionRunService service;

    @Inject
    LakehouseSettings settings;

    /**
     * Records rejected by the executions of the run so far (the job repository's skip counts). They may count
     * again the rejects of chunks a restart reads again: those still being written when the execution ended.
     */
    LongUnaryOperator rejectedInInstance = StepMetrics::skippedInInstance;

    private final RowSlot slot = new RowSlot();
    private SourceReader source;
    private IngestStep shared;
    private long rejected;
    private boolean stopped;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            source = service.open(
                    JobParameters.jobId(job.getProperties()), checkpoint, job.getInstanceId(), this::stopRequested);
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot open the source", e);
        } catch (LinkageError e) {
            throw RunFailures.explain(job, "cannot open the source", e);
        }
        // A restart goes on counting: max_errors bounds the whole run, not each execution.
        try {
            rejected = checkpoint == null ? 0 : rejectedInInstance.applyAsLong(job.getExecutionId());
        } catch (RuntimeException e) {
            throw RunFailures.explain(job, "cannot count the records the run's earlier executions rejected", e);
        }
        shared = new IngestStep(source, checkpoint);
        step.setTransientUserData(shared);
        // Kept with the step's checkpoint in the job repository, where the console's progress reads it.
        source.expectedRecords().ifPresent(expected -> step.setPersistentUserData(Long.valueOf(expected)));
    }

    @Override
    public Object readItem() throws Exception {
        if (stopped) {
            return IngestRow.NOTHING;
        }
        if (shared.isSourceDone()) {
            return null;
        }
        slot.clear();
        boolean more;
        try {
            more = source.readNext(slot);
        } catch (ReadStoppedException e) {
            // Batch checks for a stop after each item: hand it one that carries nothing, and read no further.
            // The writer writes out the chunks in flight with the chunk of this item.
            stopped = true;
            shared.sourceDone();
            return IngestRow.NOTHING;
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot read the source", e);
        } catch (LinkageError e) {
            throw RunFailures.explain(job, "cannot read the source", e);
        }
        if (!more) {
            readToEnd();
            // The writer (or checkpointInfo, when the last chunk is empty) writes out the chunks in flight.
            shared.sourceDone();
            return null;
        }
        if (slot.rejected() != null) {
            RejectedRecordException rejection = new RejectedRecordException(slot.rejected());
            int maxErrors = JobParameters.maxErrors(job.getProperties());
            if (++rejected > maxErrors) {
                // Not skippable: the batch runtime's own skip limit counts this execution's skips only.
                throw RunFailures.explain(
                        job,
                        "more than " + maxErrors + " records rejected (max_errors); the last",
                        tooManyRejected(rejection));
            }
            throw rejection;
        }
        return new IngestRow(source.asset(), source.columns(), slot.row());
    }

    /**
     * The failure of the run on the reject that passes max_errors, which is written to the rejects file here: not
     * skipped, it reaches no skip listener. The run fails on max_errors even if the file cannot be written.
     */
    private TooManyRejectedRecordsException tooManyRejected(RejectedRecordException rejection) {
        TooManyRejectedRecordsException failure = new TooManyRejectedRecordsException(rejection);
        try {
            RejectsFileAppender.append(settings.webmStoragePath(), job, rejection.record());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** In the last chunk's transaction: what the run read whole, for the commit of an OVERWRITE source. */
    private void readToEnd() throws Exception {
        try {
            service.readToEnd(
                    JobParameters.jobId(job.getProperties()), job.getInstanceId(), job.getExecutionId(), source);
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot record the end of the read", e);
        }
    }

    private boolean stopRequested() {
        return job.getBatchStatus() == BatchStatus.STOPPING;
    }

    @Override
    public Serializable checkpointInfo() throws Exception {
        try {
            shared.writeOutIfSourceDone();
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot write the rows", e);
        }
        return shared.durableCheckpoint();
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }
}
