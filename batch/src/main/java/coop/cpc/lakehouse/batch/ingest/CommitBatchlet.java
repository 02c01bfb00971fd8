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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last step of the ingestion job: the run service commits what the run staged, one snapshot
 * per target asset. Run again after a crash (the step did not complete), it finds nothing staged
 * and commits nothing, so every source row lands exactly once. What the source does after the commit
 * (file drops move their files to processed/) cannot undo it: when that fails the run still
 * COMPLETED, its exit status says what is left, and the next run of the job finishes it.
 */
@Named("commitBatchlet")
@Dependent
public class CommitBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(CommitBatchlet.class.getName());

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
            String exit = "COMMITTED " + outcome.rows() + " rows in " + outcome.snapshots() + " snapshot(s), "
                    + outcome.rejected() + " rejected";
            exit = afterCommit(service, jobId, job.getInstanceId(), exit);
            job.setExitStatus(exit);
            return exit;
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot commit the run", e);
        }
    }

    /**
     * The source's step after a commit. Its failure is logged and added to the exit status, never
     * thrown: a FAILED run would invite a new start, and the rows are already in the table.
     */
    static String afterCommit(IngestionRunService service, UUID jobId, long jobInstanceId, String exit) {
        try {
            service.afterCommit(jobId, jobInstanceId);
            return exit;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Run " + jobInstanceId + " committed, but what follows its commit failed", e);
            return RunFailures.fitted(
                    exit + "; after the commit: " + RunFailures.describe(e) + " (the next run of the job finishes it)");
        }
    }
}
