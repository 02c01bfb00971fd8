package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Logger;

/** The job row's status around a run, each change in its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunBookkeeping {
    private static final Logger LOG = Logger.getLogger(RunBookkeeping.class.getName());

    @Inject
    IngestionJobRepository jobs;

    public void started(UUID jobId, long executionId) {
        jobs.find(jobId).ifPresent(job -> job.started(executionId, CatalogTime.now()));
    }

    /** A run that did not complete: FAILED, or CANCELLED when an operator stopped it. */
    public void ended(UUID jobId, long executionId, BatchStatus status, String exitStatus) {
        IngestionJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            return;
        }
        JobStatus next = status == BatchStatus.STOPPED || status == BatchStatus.ABANDONED ? JobStatus.CANCELLED
                : JobStatus.FAILED;
        job.setStatus(next);
        LOG.info(() -> "Ingestion job " + job.getName() + " (" + jobId + ") execution " + executionId + " ended "
                + status + (exitStatus == null ? "" : ": " + exitStatus));
    }

    /** An execution the server was running when it stopped (kill -9, power loss): it needs a restart. */
    public void interrupted(UUID jobId) {
        jobs.find(jobId).filter(job -> job.getStatus() == JobStatus.RUNNING)
                .ifPresent(job -> job.setStatus(JobStatus.FAILED));
    }
}
