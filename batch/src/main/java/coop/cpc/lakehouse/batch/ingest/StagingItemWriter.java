package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.batch.jberet.JobParameters;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer of the ingestion job: the run service stages each chunk's rows (one segment file per
 * target asset) in the chunk's transaction, the one that also saves the reader's checkpoint. A
 * restart resumes exactly after the staged chunks.
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

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<IngestRow> rows = new ArrayList<>(items.size());
        for (Object item : items) {
            rows.add((IngestRow) item);
        }
        SourceReader source = (SourceReader) step.getTransientUserData();
        try {
            service.stage(JobParameters.jobId(job.getProperties()), job.getInstanceId(), rows, source);
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot write the rows", e);
        }
    }
}
