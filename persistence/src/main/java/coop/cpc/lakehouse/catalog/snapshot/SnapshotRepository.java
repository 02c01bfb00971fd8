package coop.cpc.lakehouse.catalog.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the committed snapshots of assets. Runs inside the caller's transaction. */
public interface SnapshotRepository {

    Optional<AssetSnapshot> find(UUID id);

    /** The asset's snapshots, oldest first (by sequence number). */
    List<AssetSnapshot> findByAsset(UUID assetId);

    /** The newest {@code newest} snapshots of each of several assets in one query, each asset's oldest first. */
    List<AssetSnapshot> findByAssets(java.util.Collection<UUID> assetIds, int newest);

    /** The asset's newest snapshot, if it has any. */
    Optional<AssetSnapshot> findLatest(UUID assetId);

    /** The snapshot that was current at the given instant (the newest committed at or before it). */
    Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant);

    void add(AssetSnapshot snapshot);
}
