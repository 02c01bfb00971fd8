package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The last step of every ingestion job: commits what the run staged, one snapshot per target asset.
 * Run again after a crash (the step did not complete), it finds nothing staged and commits nothing,
 * so every source row lands exactly once.
 */
@Named("stagedSegmentsCommit")
@Dependent
public class StagedSegmentsCommit extends AbstractBatchlet {

    @Inject
    JobContext job;

    @EJB
    IngestionCommitter committer;

    @Inject
    LakehouseMetrics metrics;

    @Override
    public String process() throws Exception {
        try {
            long asked = System.nanoTime();
            RunOutcome outcome = committer.commit(RunParameters.jobId(job.getProperties()), job.getInstanceId(),
                    job.getExecutionId());
            metrics.commitTook(System.nanoTime() - asked);
            committer.afterCommit(RunParameters.jobId(job.getProperties()), job.getInstanceId());
            String exit = "COMMITTED " + outcome.rows() + " rows in " + outcome.snapshots() + " snapshot(s), "
                    + outcome.rejected() + " rejected";
            job.setExitStatus(exit);
            return exit;
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot commit the run", e);
        }
    }
}
