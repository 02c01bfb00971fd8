package coop.cpc.lakehouse.application.ingest.internal;

import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.ingest.PreparedSegment;
import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.ingest.RunStepException;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.OpenRequest;
import coop.cpc.lakehouse.application.source.SharedHttpClients;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The ingestion runs' side of the application: each method a short script over the job's
 * {@link SourceKind}, {@link SegmentStaging} and {@link RunCommit}. Opening and staging join the
 * chunk's transaction; the commit and the status changes each run in a transaction of their own.
 */
@Stateless
public class DefaultIngestionRunService implements IngestionRunService {
    private static final Logger LOG = Logger.getLogger(DefaultIngestionRunService.class.getName());
    private static final Set<String> CANCELLED = Set.of("STOPPED", "ABANDONED");

    @Inject
    IngestionJobRepository jobs;

    @Inject
    IngestionRunRepository runs;

    @Inject
    AssetRepository assets;

    @Inject
    LineageRepository lineage;

    @Inject
    LakehouseSettings settings;

    @Inject
    SegmentFiles files;

    @Inject
    FilesAfterTransaction filesAfterTransaction;

    /** Writes the segments of ingestion chunks while the chunks' sources read on. */
    @Resource
    ManagedExecutorService executor;

    @EJB
    AssetService assetService;

    @EJB
    TableCommits commits;

    @Inject
    LakehouseMetrics metrics;

    @Inject
    SharedHttpClients httpClients;

    @Resource
    SessionContext context;

    private SourceEnvironment environment;
    private SegmentStaging staging;
    private RunCommit commit;

    @PostConstruct
    void init() {
        environment = SourceEnvironment.of(settings, httpClients.clients());
        staging = new SegmentStaging(assets, runs, filesAfterTransaction, metrics);
        commit = new RunCommit(runs, lineage, commits, files, metrics);
    }

    @Override
    public SourceReader open(UUID jobId, Serializable checkpoint, long jobInstanceId, BooleanSupplier stopRequested)
            throws Exception {
        try {
            IngestionJob job = job(jobId);
            SourceSettings source = SourceSettingsJson.read(job.getSourceConfig());
            return SourceKinds.of(source)
                    .open(
                            source,
                            new OpenRequest(
                                    job,
                                    checkpoint,
                                    jobInstanceId,
                                    stopRequested,
                                    environment,
                                    new CatalogRunAssets(assets, assetService),
                                    runs::committed));
        } catch (RuntimeException e) {
            throw new RunStepException(e);
        }
    }

    @Override
    public List<PreparedSegment> prepare(UUID jobId, List<IngestRow> rows, SourceReader source)
            throws RunStepException {
        try {
            return staging.prepare(rows, source);
        } catch (Exception e) {
            throw new RunStepException(e);
        }
    }

    @Override
    public void record(UUID jobId, long jobInstanceId, List<PreparedSegment> prepared, List<StagedSegment> segments)
            throws RunStepException {
        if (prepared.size() != segments.size()) {
            throw new IllegalArgumentException(
                    prepared.size() + " prepared segments but " + segments.size() + " written");
        }
        try {
            staging.deleteAfterRollback(segments);
            for (int i = 0; i < prepared.size(); i++) {
                staging.record(jobId, jobInstanceId, prepared.get(i), segments.get(i));
            }
        } catch (Exception e) {
            throw new RunStepException(e);
        }
    }

    @Override
    public void readToEnd(UUID jobId, long jobInstanceId, long executionId, SourceReader source)
            throws RunStepException {
        try {
            Set<UUID> read = source.assets();
            for (UUID asset : read) {
                // Locked as the rows' foreign key will reference it: a deleteAsset under way commits first and the
                // asset is then unknown here, instead of the INSERT failing on the foreign key at COMMIT.
                if (!assets.lockAsReferenced(asset)) {
                    throw new UnknownAssetException("with id " + asset + ": " + SegmentStaging.DELETED_TARGET);
                }
            }
            runs.readWhole(jobInstanceId, jobId, executionId, read);
        } catch (RuntimeException | UnknownAssetException e) {
            throw new RunStepException(e);
        }
    }

    @Override
    public <T> SegmentWritePipeline<T> segmentPipeline() {
        return new SegmentWritePipeline<>(files, executor, settings.ingestionChunksInFlight());
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = AuditAction.WRITE, resource = "ingestion_run")
    public RunOutcome commit(UUID jobId, long jobInstanceId, long executionId, long rejected) throws Exception {
        try {
            return commit.commit(job(jobId), jobInstanceId, executionId, rejected);
        } catch (Exception e) {
            // A checked exception would commit the snapshots recorded before it, without the run's unstaging.
            if (context != null) {
                context.setRollbackOnly();
            }
            throw e;
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void afterCommit(UUID jobId, long jobInstanceId) throws Exception {
        IngestionJob job = jobs.find(jobId).orElseThrow();
        SourceSettings source = SourceSettingsJson.read(job.getSourceConfig());
        SourceKinds.of(source).afterCommit(source, environment, jobInstanceId);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void started(UUID jobId, long executionId) {
        jobs.find(jobId).ifPresent(job -> job.started(executionId, CatalogTime.now()));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String ended(UUID jobId, long executionId, long jobInstanceId, String batchStatus, String exitStatus) {
        IngestionJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            return null;
        }
        String replaced = null;
        SourceSettings source = SourceSettingsJson.read(job.getSourceConfig());
        SourceKind<SourceSettings> kind = SourceKinds.of(source);
        if (kind.feedsTargetAsset()
                && (job.getTargetAssetId() == null
                        || assets.find(job.getTargetAssetId()).isEmpty())) {
            replaced = "FAILED: " + SegmentStaging.DELETED_TARGET;
            String gaveBack = kind.abandon(source, environment, jobInstanceId);
            if (gaveBack != null) {
                replaced += "; " + gaveBack;
            }
        }
        boolean last = job.ended(executionId, CANCELLED.contains(batchStatus) ? JobStatus.CANCELLED : JobStatus.FAILED);
        String shown = replaced == null ? exitStatus : replaced;
        LOG.info(() -> "Ingestion job " + job.getName() + " (" + jobId + ") execution " + executionId + " ended "
                + batchStatus + (shown == null ? "" : ": " + shown)
                + (last
                        ? ""
                        : "; the job's status stays " + job.getStatus() + ", set by its later execution "
                                + job.getLastExecutionId()));
        return replaced;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void interrupted(UUID jobId) {
        jobs.find(jobId)
                .filter(job -> job.getStatus() == JobStatus.RUNNING)
                .ifPresent(job -> job.setStatus(JobStatus.FAILED));
    }

    private IngestionJob job(UUID jobId) {
        return jobs.find(jobId).orElseThrow(() -> new IllegalStateException("ingestion job " + jobId + " is gone"));
    }
}
