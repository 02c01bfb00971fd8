package coop.cpc.lakehouse.application.ingest.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.source.RunAssets;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.columnar.Schema;
import java.util.Optional;
import java.util.UUID;

/** The catalog's assets as a run's source sees them; new assets go through the (audited) asset service. */
final class CatalogRunAssets implements RunAssets {
    private final AssetRepository assets;
    private final AssetService assetService;

    CatalogRunAssets(AssetRepository assets, AssetService assetService) {
        this.assets = assets;
        this.assetService = assetService;
    }

    @Override
    public UUID target(IngestionJob job) {
        return targetAsset(job).getId();
    }

    /** Records are mapped onto the asset's columns, so the asset must have some. */
    @Override
    public Schema targetColumns(IngestionJob job) {
        DataAsset asset = targetAsset(job);
        return schemaOf(asset)
                .orElseThrow(() -> new IllegalStateException("asset " + asset.getNamespace() + "." + asset.getName()
                        + " has no columns: give it the columns the source's records map to"));
    }

    @Override
    public Optional<Schema> targetSchema(IngestionJob job) {
        return schemaOf(targetAsset(job));
    }

    private static Optional<Schema> schemaOf(DataAsset asset) {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        return schema.columns().isEmpty() ? Optional.empty() : Optional.of(schema.toColumnar());
    }

    @Override
    public Optional<UUID> find(String namespace, String name) {
        return assets.findByName(namespace, name).map(DataAsset::getId);
    }

    @Override
    public UUID create(NewAsset asset) throws InvalidInputException, AssetAlreadyExistsException {
        return assetService.create(asset).getId();
    }

    private DataAsset targetAsset(IngestionJob job) {
        if (job.getTargetAssetId() == null) {
            throw new IllegalStateException("ingestion job " + job.getName() + " has no target asset: it was deleted; "
                    + "give the job another one with updateIngestionJob and start it anew");
        }
        return assets.find(job.getTargetAssetId())
                .orElseThrow(() -> new IllegalStateException("the target asset " + job.getTargetAssetId()
                        + " of ingestion job " + job.getName() + " does not exist"));
    }
}
