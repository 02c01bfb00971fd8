package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.job.RunParameters;
import java.util.Properties;
import java.util.UUID;

/**
 * The Jakarta Batch job parameters of an ingestion run. The job XML copies them into job
 * properties, which artifacts read from {@code JobContext.getProperties()}.
 */
public final class JobParameters {
    public static final String JOB_ID = "ingestionJobId";
    public static final String CHUNK_SIZE = "chunkSize";
    public static final String MAX_ERRORS = "maxErrors";

    private JobParameters() {}

    public static Properties of(RunParameters run) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ID, run.jobId().toString());
        parameters.setProperty(CHUNK_SIZE, Integer.toString(run.chunkSize()));
        parameters.setProperty(MAX_ERRORS, Integer.toString(run.maxErrors()));
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
