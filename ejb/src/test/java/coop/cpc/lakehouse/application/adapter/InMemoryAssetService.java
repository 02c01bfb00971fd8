package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The catalog's assets and lineage edges in memory: create, get and delete (which drops incoming lineage). */
final class InMemoryAssetService implements AssetService, LineageRepository {
    final Map<UUID, DataAsset> assets = new LinkedHashMap<>();
    final List<LineageEdge> edges = new ArrayList<>();

    /**
     * Runs once in the next {@code lockAsReferenced}, before it looks: what commits while the real lock waits (a
     * deletion of the asset under way). The fake cannot make the caller wait, but it can let that happen first.
     */
    volatile Runnable whileReferenceLockWaits;

    /** The catalog's asset rows as the repository sees them (only the reference lock is used here). */
    final AssetRepository repository = PartialFake.of(AssetRepository.class, new Object() {
        Optional<DataAsset> find(UUID id) {
            return Optional.ofNullable(assets.get(id));
        }

        boolean lockAsReferenced(UUID id) {
            Runnable committing = whileReferenceLockWaits;
            if (committing != null) {
                whileReferenceLockWaits = null;
                committing.run();
            }
            return assets.containsKey(id);
        }
    });

    @Override
    public DataAsset get(UUID id) throws UnknownAssetException {
        DataAsset asset = assets.get(id);
        if (asset == null) {
            throw new UnknownAssetException(id.toString());
        }
        return asset;
    }

    @Override
    public DataAsset get(String namespace, String name) throws UnknownAssetException {
        return assets.values().stream()
                .filter(a -> a.getNamespace().equals(namespace) && a.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new UnknownAssetException(namespace + "." + name));
    }

    @Override
    public DataAsset create(NewAsset input) throws InvalidInputException, AssetAlreadyExistsException {
        try {
            get(input.namespace(), input.name());
            throw new AssetAlreadyExistsException(input.namespace(), input.name());
        } catch (UnknownAssetException free) {
            DataAsset asset = new DataAsset(
                    input.namespace(),
                    input.name(),
                    input.assetType() == null ? AssetType.STRUCTURED : input.assetType(),
                    input.classification() == null ? Classification.INTERNAL : input.classification(),
                    AssetSchema.of(input.columns()).toJson());
            assets.put(asset.getId(), asset);
            return asset;
        }
    }

    @Override
    public void delete(UUID id) throws UnknownAssetException {
        get(id);
        assets.remove(id);
        edges.removeIf(e -> e.getTargetAssetId().equals(id));
    }

    @Override
    public Page<DataAsset> list(String namespace, List<String> tags, AssetCursor after, int first) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DataAsset update(UUID id, AssetChanges changes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<UUID, List<AssetSnapshot>> snapshots(List<UUID> ids, Integer last) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<UUID, List<WebmSegment>> segments(List<UUID> ids, Integer last) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AssetSnapshot> snapshotsBefore(
            coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor before, Integer last) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<WebmSegment> segmentsBefore(coop.cpc.lakehouse.catalog.segment.SegmentCursor before, Integer last) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<LineageEdge> find(UUID id) {
        return edges.stream().filter(e -> e.getId().equals(id)).findFirst();
    }

    @Override
    public List<LineageEdge> findUpstream(UUID targetAssetId) {
        return edges.stream()
                .filter(e -> e.getTargetAssetId().equals(targetAssetId))
                .toList();
    }

    @Override
    public List<LineageEdge> findDownstream(UUID sourceAssetId) {
        return edges.stream()
                .filter(e -> sourceAssetId.equals(e.getSourceAssetId()))
                .toList();
    }

    @Override
    public List<LineageEdge> findUpstream(Collection<UUID> targetAssetIds, int limit) {
        return edges.stream()
                .filter(e -> targetAssetIds.contains(e.getTargetAssetId()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<LineageEdge> findDownstream(Collection<UUID> sourceAssetIds, int limit) {
        return edges.stream()
                .filter(e -> sourceAssetIds.contains(e.getSourceAssetId()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<LineageEdge> findBySourceUri(String sourceUri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<LineageEdge> findByJob(UUID jobId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void add(LineageEdge edge) {
        edges.add(edge);
    }

    @Override
    public void keepEdgesOfDeletedSource(UUID sourceAssetId, String sourceUri) {
        throw new UnsupportedOperationException();
    }
}
