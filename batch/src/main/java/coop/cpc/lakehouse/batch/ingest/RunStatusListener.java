package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.observability.IngestionActivity;
import coop.cpc.lakehouse.batch.operator.EndingExecutions;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Keeps the catalog's job status in step with its runs, from the run's own thread: RUNNING when an
 * execution starts, and FAILED or CANCELLED when it ends that way (a completed run's status and
 * counters are set by the commit, in the commit's transaction). The end is reported by the {@code JobRunner}
 * only once all this is written ({@link EndingExecutions}), whenever the runtime publishes it.
 */
@Named("runStatusListener")
@Dependent
public class RunStatusListener implements JobListener {

    @Inject
    JobContext job;

    @EJB
    IngestionRunService service;

    @Inject
    IngestionActivity activity;

    @EJB
    EndingExecutions ending;

    @Override
    public void beforeJob() {
        service.started(JobParameters.jobId(job.getProperties()), job.getExecutionId());
        // Only once started: a run whose start could not be recorded has nothing to hide (afterJob still runs and
        // records its end).
        ending.started(job.getExecutionId());
    }

    @Override
    public void afterJob() {
        try {
            writeEnd();
        } finally {
            ending.endWritten(job.getExecutionId());
        }
    }

    private void writeEnd() {
        BatchStatus status = endedStatus(job.getBatchStatus());
        if (status != BatchStatus.COMPLETED) {
            String replaced = service.ended(
                    JobParameters.jobId(job.getProperties()),
                    job.getExecutionId(),
                    job.getInstanceId(),
                    status.name(),
                    job.getExitStatus());
            if (replaced != null) {
                job.setExitStatus(replaced);
            }
        }
        activity.ended(job.getJobName(), job.getExecutionId(), status.name(), job.getExitStatus(), duration());
    }

    /**
     * How the run ended, from its status in {@code afterJob}. Open Liberty's batch runtime sets COMPLETED and
     * STOPPED only after the listeners, so a run that ran to its end is still STARTED here and a stopped one still
     * STOPPING; JBeret sets them before.
     */
    static BatchStatus endedStatus(BatchStatus inAfterJob) {
        return switch (inAfterJob) {
            case STARTED -> BatchStatus.COMPLETED;
            case STOPPING -> BatchStatus.STOPPED;
            default -> inAfterJob;
        };
    }

    private Duration duration() {
        try {
            Date started = BatchRuntime.getJobOperator()
                    .getJobExecution(job.getExecutionId())
                    .getStartTime();
            return started == null ? null : Duration.between(started.toInstant(), Instant.now());
        } catch (RuntimeException e) {
            // A metric must never fail a run.
            return null;
        }
    }
}
