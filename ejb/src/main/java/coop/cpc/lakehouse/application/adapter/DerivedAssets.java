package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/** The assets the adapters create and derive, and their lineage edges. */
@Stateless
public class DerivedAssets {

    @EJB
    AssetService assets;

    @Inject
    LineageRepository lineage;

    @Inject
    AssetRepository catalog;

    @Resource
    SessionContext session;

    /** The asset, created as described when it does not exist yet (a concurrent creator wins, its asset is used). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DataAsset ensure(NewAsset asset) throws InvalidInputException {
        try {
            return assets.get(asset.namespace(), asset.name());
        } catch (UnknownAssetException e) {
            try {
                return assets.create(asset);
            } catch (AssetAlreadyExistsException raced) {
                try {
                    return assets.get(asset.namespace(), asset.name());
                } catch (UnknownAssetException gone) {
                    throw new IllegalStateException(
                            "asset " + asset.namespace() + "." + asset.name() + " vanished while created", gone);
                }
            }
        }
    }

    /**
     * A fresh result of the transformation of the source. An asset of that name is deleted first only
     * when a lineage edge says it is an earlier result of this transformation of this source; any other
     * asset of that name (made by someone else, perhaps one the caller may not delete) is left alone and
     * the call refused.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DataAsset replace(NewAsset asset, UUID sourceAssetId, Transformation transformation)
            throws InvalidInputException, AssetAlreadyExistsException {
        try {
            DataAsset old = assets.get(asset.namespace(), asset.name());
            boolean earlierResult = lineage.findUpstream(old.getId()).stream()
                    .anyMatch(edge -> edge.getTransformation() == transformation
                            && sourceAssetId.equals(edge.getSourceAssetId()));
            if (!earlierResult) {
                throw new AssetAlreadyExistsException(
                        asset.namespace(),
                        asset.name(),
                        "and is not an earlier " + transformation + " result of asset " + sourceAssetId
                                + ": it is not replaced (rename or delete it first)");
            }
            assets.delete(old.getId());
        } catch (UnknownAssetException e) {
            // Nothing to replace.
        }
        return create(asset);
    }

    /** A new asset; an existing one of that name is refused, never replaced. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DataAsset create(NewAsset asset) throws InvalidInputException, AssetAlreadyExistsException {
        return assets.create(asset);
    }

    /** Deletes an asset a failed call created; a failure to delete is logged, not thrown (the call's own failure matters). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void deleteQuietly(DataAsset asset) {
        if (asset == null) {
            return;
        }
        try {
            assets.delete(asset.getId());
        } catch (UnknownAssetException | InvalidInputException | RuntimeException e) {
            java.util.logging.Logger.getLogger(DerivedAssets.class.getName())
                    .warning(() -> "Cannot delete the unfinished asset " + asset.getNamespace() + "." + asset.getName()
                            + ": " + e.getMessage());
        }
    }

    /**
     * Records, as the caller, that the target asset is derived from the source asset by the transformation. The
     * source is locked as the edge's foreign key will reference it: a {@code deleteAsset} of it under way commits
     * first and the source is then refused as unknown, where the edge's INSERT would fail at COMMIT on the foreign
     * key (an internal error).
     *
     * @throws UnknownAssetException when the source was deleted while its result was made
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addLineage(
            UUID sourceAssetId,
            UUID targetAssetId,
            Transformation transformation,
            String parametersJson,
            String columnMappingsJson)
            throws UnknownAssetException {
        if (!catalog.lockAsReferenced(sourceAssetId)) {
            throw new UnknownAssetException("with id " + sourceAssetId + ": the source of this " + transformation
                    + " result was deleted while the result was made (nothing was published)");
        }
        lineage.add(new LineageEdge(
                sourceAssetId,
                null,
                targetAssetId,
                transformation,
                parametersJson,
                columnMappingsJson,
                null,
                null,
                caller()));
    }

    /** Who is calling, for the lineage's created_by. */
    private String caller() {
        return session.getCallerPrincipal() == null
                ? "unknown"
                : session.getCallerPrincipal().getName();
    }
}
