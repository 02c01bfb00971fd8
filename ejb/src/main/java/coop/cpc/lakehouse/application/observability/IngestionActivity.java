package coop.cpc.lakehouse.application.observability;

import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** What the runs' listener reports when a run ends: its duration as a metric, and the last failure (for JMX). */
@ApplicationScoped
public class IngestionActivity {

    @Inject
    LakehouseMetrics metrics;

    private final AtomicReference<LastFailure> lastFailure = new AtomicReference<>();

    /** @param duration how long the execution ran, or null when its start is not known */
    public void ended(String batchJob, long executionId, String batchStatus, String exitStatus, Duration duration) {
        if (duration != null) {
            metrics.runEnded(batchJob, batchStatus, duration);
        }
        if ("FAILED".equals(batchStatus)) {
            lastFailure.set(new LastFailure(
                    executionId,
                    "execution " + executionId + " of " + batchJob + " at " + Instant.now() + ": "
                            + (exitStatus == null ? "no exit status" : exitStatus)));
        }
    }

    /**
     * The last run that failed since the server started, or null when none did. Audited as a read of
     * {@code job_execution} (JMX {@code LastFailure}) naming that execution: its exit status may quote what the run
     * read.
     */
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public LastFailure lastFailure() {
        return lastFailure.get();
    }
}
