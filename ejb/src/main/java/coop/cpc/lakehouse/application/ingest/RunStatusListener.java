package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.observability.IngestionActivity;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Keeps the catalog's job status in step with its runs, from the run's own thread: RUNNING when an
 * execution starts, and FAILED or CANCELLED when it ends that way (a completed run's status and
 * counters are set by the commit, in the commit's transaction).
 */
@Named("runStatusListener")
@Dependent
public class RunStatusListener implements JobListener {

    @Inject
    JobContext job;

    @EJB
    RunBookkeeping bookkeeping;

    @Inject
    IngestionActivity activity;

    @Override
    public void beforeJob() {
        bookkeeping.started(RunParameters.jobId(job.getProperties()), job.getExecutionId());
    }

    @Override
    public void afterJob() {
        BatchStatus status = job.getBatchStatus();
        if (status != BatchStatus.COMPLETED) {
            String replaced = bookkeeping.ended(RunParameters.jobId(job.getProperties()), job.getExecutionId(),
                    job.getInstanceId(), status, job.getExitStatus());
            if (replaced != null) {
                job.setExitStatus(replaced);
            }
        }
        activity.ended(job.getJobName(), job.getExecutionId(), status.name(), job.getExitStatus());
    }
}
