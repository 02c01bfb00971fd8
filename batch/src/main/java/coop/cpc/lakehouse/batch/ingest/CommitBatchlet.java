package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.batch.operator.StepMetrics;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The last step of the ingestion job: the run service commits what the run staged, one snapshot
 * per target asset. Run again after a crash (the step did not complete), it finds nothing staged
 * and commits nothing, so every source row lands exactly once.
 */
@Named("commitBatchlet")
@Dependent
public class CommitBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @EJB
    IngestionRunService service;

    @Inject
    LakehouseMetrics metrics;

    @Override
    public String process() throws Exception {
        try {
            UUID jobId = JobParameters.jobId(job.getProperties());
            long rejected = StepMetrics.skippedInInstance(job.getExecutionId());
            long asked = System.nanoTime();
            RunOutcome outcome = service.commit(jobId, job.getInstanceId(), job.getExecutionId(), rejected);
            metrics.commitTook(System.nanoTime() - asked);
            service.afterCommit(jobId, job.getInstanceId());
            String exit = "COMMITTED " + outcome.rows() + " rows in " + outcome.snapshots() + " snapshot(s), "
                    + outcome.rejected() + " rejected";
            job.setExitStatus(exit);
            return exit;
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot commit the run", e);
        }
    }
}
