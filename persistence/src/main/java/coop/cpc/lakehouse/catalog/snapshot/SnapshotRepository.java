package coop.cpc.lakehouse.catalog.snapshot;

import coop.cpc.lakehouse.catalog.HistorySize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the committed snapshots of assets. Runs inside the caller's transaction. */
public interface SnapshotRepository {

    Optional<AssetSnapshot> find(UUID id);

    /** The asset's snapshots, oldest first (by sequence number). */
    List<AssetSnapshot> findByAsset(UUID assetId);

    /**
     * The asset's snapshots with a sequence number after {@code afterSequence} up to and including
     * {@code upToSequence}, oldest first (a change feed's range, without the rest of the asset's history).
     */
    List<AssetSnapshot> findInRange(UUID assetId, long afterSequence, long upToSequence);

    /**
     * At most {@code limit} of the snapshots {@link #findInRange} would return, from the one at (0-based) position
     * {@code skip} on, oldest first: whether a range holds more than a bound, and where its first part within the
     * bound ends, found by reading at most {@code skip + limit} index entries, not by counting or loading the range.
     */
    List<AssetSnapshot> findInRange(UUID assetId, long afterSequence, long upToSequence, int skip, int limit);

    /**
     * The newest {@code newest} snapshots of each of several assets in one query, each asset's oldest first; none
     * when they are more than {@code maxBytes} by the measure of {@link #sizeOfNewest} ({@code itemBytes} a row plus
     * their summaries' characters), so an answer too large for the caller is not loaded (the query picks them once
     * and measures them before returning any; {@link #sizeOfNewest} tells an empty history from one too large).
     */
    List<AssetSnapshot> findByAssets(java.util.Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes);

    /** The size of what {@link #findByAssets} would return (its rows, their summaries' characters). */
    HistorySize sizeOfNewest(java.util.Collection<UUID> assetIds, int newest);

    /**
     * The newest {@code newest} snapshots of the asset committed before the cursor's (by sequence number),
     * oldest first: the page of its history before a page already read.
     */
    List<AssetSnapshot> findBefore(SnapshotCursor before, int newest);

    /** The asset's newest snapshot, if it has any. */
    Optional<AssetSnapshot> findLatest(UUID assetId);

    /** The snapshot that was current at the given instant (the newest committed at or before it). */
    Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant);

    void add(AssetSnapshot snapshot);

    /**
     * The sequence number of the asset's oldest snapshot committed at or after {@code instant}, found by the database
     * (a snapshot expiry's bound, without loading the asset's history); empty when none is.
     */
    java.util.OptionalLong firstSequenceCommittedFrom(UUID assetId, Instant instant);

    /**
     * Marks expired, now, the asset's snapshots numbered below {@code sequence} that are not expired yet, in one
     * statement (an asset fed by CDC keeps millions of snapshots within a retention).
     *
     * @return how many it marked
     */
    int expireBefore(UUID assetId, long sequence);

    /**
     * Deletes at most {@code limit} rows of snapshots (of any asset) expired before {@code expiredBefore} that no
     * segment row names (as the one that added or removed it) and that are no asset's current snapshot, and
     * records for each asset the newest one deleted ({@link #deletedHistory}). A later snapshot whose parent was
     * deleted keeps a null parent.
     *
     * @return how many rows were deleted: fewer than {@code limit} when no more qualify
     */
    int deleteExpired(Instant expiredBefore, int limit);

    /** What the deletion of expired snapshot rows left of the asset's history, if any of its rows were deleted. */
    Optional<DeletedSnapshotHistory> deletedHistory(UUID assetId);
}
