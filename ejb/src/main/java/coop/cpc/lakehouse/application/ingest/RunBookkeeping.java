package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.ingest.source.FileDropPull;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
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

    @Inject
    AssetRepository assets;

    @Inject
    LakehouseSettings settings;

    public void started(UUID jobId, long executionId) {
        jobs.find(jobId).ifPresent(job -> job.started(executionId, CatalogTime.now()));
    }

    /**
     * A run that did not complete: FAILED, or CANCELLED when an operator stopped it. A run whose
     * target asset was deleted under it can never commit (its staged rows went with the asset): the
     * files a file drop claimed go back to the folder.
     *
     * @return the exit status to show instead of the failure's own, or null to keep it
     */
    public String ended(UUID jobId, long executionId, long jobInstanceId, BatchStatus status, String exitStatus) {
        IngestionJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            return null;
        }
        String replaced = null;
        SourceDefinition source = SourceDefinitions.read(job.getSourceConfig());
        if (!(source instanceof SledSource)
                && (job.getTargetAssetId() == null || assets.find(job.getTargetAssetId()).isEmpty())) {
            replaced = "FAILED: " + SegmentStager.DELETED_TARGET;
            if (source instanceof FileDropSource drop) {
                try {
                    int released = FileDropPull.releaseClaimedFiles(drop, settings, jobInstanceId);
                    replaced += "; " + released + " claimed file(s) went back to the drop folder";
                } catch (IOException | InvalidInputException | RuntimeException e) {
                    LOG.warning(() -> "Cannot give back the files claimed by execution " + executionId + ": " + e.getMessage());
                    replaced += "; its claimed files are still in the drop folder's processing/run-" + jobInstanceId;
                }
            }
        }
        JobStatus next = status == BatchStatus.STOPPED || status == BatchStatus.ABANDONED ? JobStatus.CANCELLED
                : JobStatus.FAILED;
        job.setStatus(next);
        String shown = replaced == null ? exitStatus : replaced;
        LOG.info(() -> "Ingestion job " + job.getName() + " (" + jobId + ") execution " + executionId + " ended "
                + status + (shown == null ? "" : ": " + shown));
        return replaced;
    }

    /** An execution the server was running when it stopped (kill -9, power loss): it needs a restart. */
    public void interrupted(UUID jobId) {
        jobs.find(jobId).filter(job -> job.getStatus() == JobStatus.RUNNING)
                .ifPresent(job -> job.setStatus(JobStatus.FAILED));
    }
}
