package coop.cpc.lakehouse.application.observability;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/** What the runs' listener reports when a run ends: its duration as a metric, and the last failure (for JMX). */
@ApplicationScoped
public class IngestionActivity {
    private static final Logger LOG = Logger.getLogger(IngestionActivity.class.getName());

    @Inject
    LakehouseMetrics metrics;

    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public void ended(String batchJob, long executionId, String batchStatus, String exitStatus) {
        try {
            JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(executionId);
            if (execution.getStartTime() != null) {
                metrics.runEnded(batchJob, batchStatus, Duration.between(execution.getStartTime().toInstant(), Instant.now()));
            }
        } catch (RuntimeException e) {
            // A metric must never fail a run.
            LOG.fine(() -> "No duration metric for execution " + executionId + ": " + e);
        }
        if ("FAILED".equals(batchStatus)) {
            lastFailure.set("execution " + executionId + " of " + batchJob + " at " + Instant.now() + ": "
                    + (exitStatus == null ? "no exit status" : exitStatus));
        }
    }

    /** The last run that failed since the server started, in words, or null when none did. */
    public String lastFailure() {
        return lastFailure.get();
    }
}
