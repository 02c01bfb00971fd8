package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.ingest.PreparedSegment;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The writer of the ingestion job: the run service prepares each chunk's rows (one segment per
 * target asset), the segment pipeline writes them on the managed executor while the reader reads
 * the next chunks (at most {@code ingestion_chunks_in_flight} at once), and each chunk whose
 * segments are durable is recorded in {@code staged_segments} in the transaction that also saves
 * the checkpoint after it. A restart resumes exactly after the recorded chunks; at the end of the
 * source (or a stop) every chunk in flight is written out and recorded first.
 */
@Named("stagingItemWriter")
@Dependent
public class StagingItemWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @EJB
    IngestionRunService service;

    private IngestStep shared;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        shared = (IngestStep) step.getTransientUserData();
        shared.attach(service.segmentPipeline(), this::writeOut);
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<IngestRow> rows = new ArrayList<>(items.size());
        for (Object item : items) {
            rows.add((IngestRow) item);
        }
        try {
            List<PreparedSegment> prepared =
                    service.prepare(JobParameters.jobId(job.getProperties()), rows, shared.source());
            List<SegmentWritePipeline.SegmentWrite> writes =
                    prepared.stream().map(PreparedSegment::write).toList();
            record(shared.pipeline().submit(shared.pending(prepared), writes));
            if (shared.isSourceDone()) {
                writeOut();
            }
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot write the rows", e);
        }
    }

    /** Waits for every chunk in flight and records them: the end of the source, or a stop. */
    private void writeOut() throws Exception {
        record(shared.pipeline().drain());
    }

    private void record(List<SegmentWritePipeline.Written<IngestStep.PendingChunk>> written) throws Exception {
        UUID jobId = JobParameters.jobId(job.getProperties());
        for (int i = 0; i < written.size(); i++) {
            SegmentWritePipeline.Written<IngestStep.PendingChunk> chunk = written.get(i);
            try {
                // A chunk that fails to record (its asset deleted meanwhile) has its files deleted after the rollback.
                service.record(jobId, job.getInstanceId(), chunk.chunk().prepared(), chunk.segments());
            } catch (Exception | Error e) {
                shared.pipeline().discard(written.subList(i + 1, written.size()));
                throw e;
            }
            shared.recorded(chunk.chunk());
        }
    }

    /** Waits for the writes still running and deletes the files of chunks never recorded (a failed run). */
    @Override
    public void close() throws Exception {
        if (shared != null) {
            shared.close();
        }
    }
}
