package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.audit.AuditedId;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.job.JobRejects;
import coop.cpc.lakehouse.application.job.RejectedRecords;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/** Reads a run's rejects file for callers who may read its target asset's rows; each read is audited. */
@Stateless
public class DefaultJobRejects implements JobRejects {
    /** No single target asset (a sled job makes one per tree): readable as the most sensitive data only. */
    private static final String NO_NAMESPACE = "";

    @Inject
    IngestionRunRepository runs;

    @Inject
    IngestionJobRepository jobs;

    @Inject
    AssetRepository assets;

    @Inject
    LakehouseSettings settings;

    @EJB
    OperationGate gate;

    @Override
    @Audited(action = AuditAction.READ, resource = "job_rejects")
    public RejectedRecords read(UUID jobId, @AuditedId long executionId, int maxBytes)
            throws UnknownJobExecutionException, InvalidInputException, ForbiddenException {
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new InvalidInputException("maxBytes must be from 1 to " + MAX_BYTES + ", not " + maxBytes);
        }
        IngestionRun run = runs.find(executionId)
                .filter(r -> r.getJobId().equals(jobId))
                .orElseThrow(() -> new UnknownJobExecutionException(executionId));
        Optional<DataAsset> target =
                jobs.find(run.getJobId()).map(IngestionJob::getTargetAssetId).flatMap(assets::find);
        if (target.isPresent()) {
            gate.requireRows(target.get().getNamespace(), target.get().getClassification());
        } else {
            gate.requireRows(NO_NAMESPACE, Classification.PHI);
        }
        try {
            return RejectsFileReader.read(
                    RejectsFiles.resolve(settings.webmStoragePath(), jobId, executionId), maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rejects file of execution " + executionId, e);
        }
    }
}
