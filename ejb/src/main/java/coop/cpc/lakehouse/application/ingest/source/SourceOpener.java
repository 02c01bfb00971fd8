package coop.cpc.lakehouse.application.ingest.source;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.postgres.SourceConnector;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.UUID;

/** Opens the source of an ingestion job for a run, at a checkpoint or where the job's last run ended. */
@ApplicationScoped
public class SourceOpener {
    private final SourceGuards guards = SourceGuards.fromConfig();

    @Inject
    IngestionJobRepository jobs;

    @Inject
    AssetRepository assets;

    @Inject
    LakehouseSettings settings;

    @EJB
    AssetService assetService;

    public PullSource open(UUID jobId, Serializable checkpoint) throws Exception {
        IngestionJob job = jobs.find(jobId).orElseThrow(() -> new IllegalStateException("ingestion job " + jobId + " is gone"));
        SourceDefinition definition = SourceDefinitions.read(job.getSourceConfig());
        if (definition instanceof PostgresTableSource p) {
            return new PostgresTablePull(p, target(job).getId(), new SourceConnector(guards.postgres(settings), guards.secrets()),
                    job.getSourceState(), checkpoint);
        }
        if (definition instanceof HttpApiSource h) {
            return new HttpApiPull(h, target(job).getId(), columnsOf(target(job)), settings.httpSourceAllowList(), guards.secrets(),
                    checkpoint);
        }
        if (definition instanceof FileDropSource f) {
            return new FileDropPull(f, target(job).getId(), columnsOf(target(job)), settings, checkpoint);
        }
        if (definition instanceof SledSource s) {
            return SledPull.open(s, settings, assets, assetService, checkpoint);
        }
        throw new IllegalStateException("unknown source kind " + definition.type());
    }

    private DataAsset target(IngestionJob job) {
        if (job.getTargetAssetId() == null) {
            throw new IllegalStateException("ingestion job " + job.getName() + " has no target asset (it was deleted?)");
        }
        return assets.find(job.getTargetAssetId()).orElseThrow(
                () -> new IllegalStateException("the target asset " + job.getTargetAssetId() + " of ingestion job "
                        + job.getName() + " does not exist"));
    }

    /** Records are mapped onto the asset's columns, so the asset must have some. */
    private static Schema columnsOf(DataAsset asset) {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        if (schema.columns().isEmpty()) {
            throw new IllegalStateException("asset " + asset.getNamespace() + "." + asset.getName()
                    + " has no columns: give it the columns the source's records map to");
        }
        return schema.toColumnar();
    }
}
