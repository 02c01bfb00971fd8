package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The three catalog ports in memory, with the JPA adapters' orderings (segments by the sequence of the
 * snapshot that added them, then in the order added): the table logic runs on it without PostgreSQL.
 */
final class InMemoryCatalog {
    final Map<UUID, DataAsset> assetRows = new LinkedHashMap<>();
    final Map<UUID, AssetSnapshot> snapshotRows = new LinkedHashMap<>();
    final List<WebmSegment> segmentRows = new ArrayList<>();

    final AssetRepository assets = new AssetRepository() {
        @Override
        public Optional<DataAsset> find(UUID id) {
            return Optional.ofNullable(assetRows.get(id));
        }

        @Override
        public Optional<DataAsset> findByName(String namespace, String name) {
            return assetRows.values().stream()
                    .filter(a ->
                            a.getNamespace().equals(namespace) && a.getName().equals(name))
                    .findFirst();
        }

        @Override
        public Optional<DataAsset> findForUpdate(UUID id) {
            return find(id);
        }

        @Override
        public boolean lockAgainstReferences(UUID id) {
            return assetRows.containsKey(id);
        }

        @Override
        public List<DataAsset> page(
                String namespaceOrNull, List<String> tagsAllOf, AssetCursor afterOrNull, int limit) {
            return assetRows.values().stream().limit(limit).toList();
        }

        @Override
        public void add(DataAsset asset) {
            assetRows.put(asset.getId(), asset);
        }

        @Override
        public void remove(DataAsset asset) {
            assetRows.remove(asset.getId());
        }
    };

    final SnapshotRepository snapshots = new SnapshotRepository() {
        @Override
        public Optional<AssetSnapshot> find(UUID id) {
            return Optional.ofNullable(snapshotRows.get(id));
        }

        @Override
        public List<AssetSnapshot> findByAsset(UUID assetId) {
            return snapshotRows.values().stream()
                    .filter(s -> s.getAssetId().equals(assetId))
                    .sorted(Comparator.comparingLong(AssetSnapshot::getSequenceNumber))
                    .toList();
        }

        @Override
        public List<AssetSnapshot> findByAssets(Collection<UUID> assetIds) {
            return assetIds.stream().flatMap(id -> findByAsset(id).stream()).toList();
        }

        @Override
        public Optional<AssetSnapshot> findLatest(UUID assetId) {
            List<AssetSnapshot> all = findByAsset(assetId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        @Override
        public Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant) {
            return findByAsset(assetId).stream()
                    .filter(s -> !s.getCommittedAt().isAfter(instant))
                    .reduce((a, b) -> b);
        }

        @Override
        public void add(AssetSnapshot snapshot) {
            snapshotRows.put(snapshot.getId(), snapshot);
        }
    };

    final SegmentRepository segments = new SegmentRepository() {
        @Override
        public Optional<WebmSegment> find(UUID id) {
            return segmentRows.stream().filter(g -> g.getId().equals(id)).findFirst();
        }

        @Override
        public Optional<WebmSegment> findByPath(String path) {
            return segmentRows.stream().filter(g -> g.getPath().equals(path)).findFirst();
        }

        @Override
        public List<WebmSegment> findByAsset(UUID assetId) {
            return segmentRows.stream()
                    .filter(g -> g.getAssetId().equals(assetId))
                    .sorted(Comparator.comparingLong(g -> sequence(g.getAddedSnapshotId())))
                    .toList();
        }

        @Override
        public List<WebmSegment> findByAssets(Collection<UUID> assetIds) {
            return assetIds.stream().flatMap(id -> findByAsset(id).stream()).toList();
        }

        @Override
        public List<WebmSegment> findLiveAt(UUID assetId, UUID snapshotId) {
            long at = sequence(snapshotId);
            return findByAsset(assetId).stream()
                    .filter(g -> sequence(g.getAddedSnapshotId()) <= at)
                    .filter(g -> g.getRemovedSnapshotId() == null || sequence(g.getRemovedSnapshotId()) > at)
                    .toList();
        }

        @Override
        public List<WebmSegment> findAddedBy(UUID snapshotId) {
            return segmentRows.stream()
                    .filter(g -> g.getAddedSnapshotId().equals(snapshotId))
                    .toList();
        }

        @Override
        public void add(WebmSegment segment) {
            segmentRows.add(segment);
        }

        @Override
        public void remove(WebmSegment segment) {
            segmentRows.remove(segment);
        }
    };

    private long sequence(UUID snapshotId) {
        return snapshotRows.get(snapshotId).getSequenceNumber();
    }
}
