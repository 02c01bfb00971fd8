package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.catalog.job.IngestionJob;
import java.util.Properties;
import java.util.UUID;

/**
 * The Jakarta Batch job parameters of an ingestion run; everything else is read from the catalog.
 * The job XMLs copy them into job properties, which artifacts read from {@code JobContext.getProperties()}.
 */
public final class RunParameters {
    public static final String JOB_ID = "ingestionJobId";
    public static final String CHUNK_SIZE = "chunkSize";
    public static final String MAX_ERRORS = "maxErrors";

    private RunParameters() {
    }

    public static Properties of(IngestionJob job) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ID, job.getId().toString());
        parameters.setProperty(CHUNK_SIZE, Integer.toString(job.getChunkSize()));
        parameters.setProperty(MAX_ERRORS, Integer.toString(job.getMaxErrors()));
        return parameters;
    }

    public static int maxErrors(Properties parameters) {
        return Integer.parseInt(parameters.getProperty(MAX_ERRORS, "0"));
    }

    public static UUID jobId(Properties parameters) {
        String id = parameters == null ? null : parameters.getProperty(JOB_ID);
        if (id == null) {
            throw new IllegalStateException("the run has no " + JOB_ID + " parameter");
        }
        return UUID.fromString(id);
    }
}
