package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.ingest.source.PullSource;
import coop.cpc.lakehouse.application.ingest.source.SourceOpener;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The reader of every ingestion job: opens the job's source at the checkpoint (or where the last
 * successful run ended) and turns each record into an {@link IngestRow} or a skippable
 * {@link RejectedRecordException}. The open source is shared with the writer through the step's
 * transient user data, so the writer can stage what the source has read up to.
 */
@Named("ingestionSourceReader")
@Dependent
public class IngestionSourceReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    SourceOpener opener;

    private final RowSlot slot = new RowSlot();
    private PullSource source;
    private long rejected;
    private boolean stopped;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            source = opener.open(RunParameters.jobId(job.getProperties()), checkpoint, job.getInstanceId(),
                    this::stopRequested);
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot open the source", e);
        } catch (LinkageError e) {
            throw RunFailures.explain(job, "cannot open the source", e);
        }
        step.setTransientUserData(source);
    }

    @Override
    public Object readItem() throws Exception {
        if (stopped) {
            return IngestRow.NOTHING;
        }
        slot.clear();
        boolean more;
        try {
            more = source.readNext(slot);
        } catch (ReadStoppedException e) {
            // Batch checks for a stop after each item: hand it one that carries nothing, and read no further.
            stopped = true;
            return IngestRow.NOTHING;
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot read the source", e);
        } catch (LinkageError e) {
            throw RunFailures.explain(job, "cannot read the source", e);
        }
        if (!more) {
            return null;
        }
        if (slot.rejected() != null) {
            RejectedRecordException rejection = new RejectedRecordException(slot.rejected());
            if (++rejected > RunParameters.maxErrors(job.getProperties())) {
                RunFailures.explain(job, "more than " + RunParameters.maxErrors(job.getProperties())
                        + " records rejected (max_errors); the last", rejection);
            }
            throw rejection;
        }
        return new IngestRow(source.asset(), source.columns(), slot.row());
    }

    private boolean stopRequested() {
        return job.getBatchStatus() == BatchStatus.STOPPING;
    }

    @Override
    public Serializable checkpointInfo() {
        return source.checkpoint();
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }
}
