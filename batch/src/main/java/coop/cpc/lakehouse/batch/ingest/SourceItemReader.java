package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The reader of the ingestion job: has the run service open the job's source at the checkpoint (or
 * where the last successful run ended) and turns each record into an {@link IngestRow} or a
 * skippable {@link RejectedRecordException}. The open source is shared with the writer through the
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
            if (++rejected > JobParameters.maxErrors(job.getProperties())) {
                RunFailures.explain(
                        job,
                        "more than " + JobParameters.maxErrors(job.getProperties())
                                + " records rejected (max_errors); the last",
                        rejection);
            }
            throw rejection;
        }
        return new IngestRow(source.asset(), source.columns(), slot.row());
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
