package coop.cpc.lakehouse.catalog.segment;

import coop.cpc.lakehouse.catalog.HistorySize;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Port: the segment files of assets. Runs inside the caller's transaction. */
public interface SegmentRepository {

    Optional<WebmSegment> find(UUID id);

    Optional<WebmSegment> findByPath(String path);

    /** Which of {@code paths} a segment of the catalog (live or removed) has, in one query. */
    Set<String> knownPaths(Collection<String> paths);

    /** Every segment of the asset, live or removed, in the order they were added. */
    List<WebmSegment> findByAsset(UUID assetId);

    /**
     * The asset's segments that a snapshot with a sequence number after {@code afterSequence} up to and including
     * {@code upToSequence} added or removed, live or removed now, in the order they were added (what a change feed's
     * range changed, without the rest of the asset's history).
     */
    List<WebmSegment> findChangedInRange(UUID assetId, long afterSequence, long upToSequence);

    /**
     * The rows of the {@code DATA} segments that the asset's snapshots after {@code afterSequence} up to and including
     * {@code upToSequence} added, those of {@code COMPACT} snapshots excepted, summed in one query: the changes a
     * change feed's range holds at least (each such row is an INSERT or an UPDATE), known before any row of the range
     * is loaded.
     */
    long dataRowsAddedInRange(UUID assetId, long afterSequence, long upToSequence);

    /**
     * The {@code newest} segments last added to each of several assets, live or removed, in one query, each
     * asset's in the order they were added; none when they are more than {@code maxBytes} by the measure of
     * {@link #sizeOfNewest} ({@code itemBytes} a row plus their paths' and statistics' characters), so an answer too
     * large for the caller is not loaded (the query picks them once and measures them before returning any;
     * {@link #sizeOfNewest} tells an empty history from one too large).
     */
    List<WebmSegment> findByAssets(java.util.Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes);

    /** The size of what {@link #findByAssets} would return (its rows, their paths' and statistics' characters). */
    HistorySize sizeOfNewest(java.util.Collection<UUID> assetIds, int newest);

    /**
     * The newest {@code newest} segments of the cursor's asset added before the cursor's segment (in the order
     * segments were added), in that order; empty when that segment is no longer in the catalog.
     */
    List<WebmSegment> findAddedBefore(SegmentCursor before, int newest);

    /**
     * The segments a reader of the given snapshot sees: added at or before it and not removed at
     * or before it (by the asset's snapshot sequence numbers), in the order they were added.
     */
    List<WebmSegment> findLiveAt(UUID assetId, UUID snapshotId);

    /**
     * How many segments {@link #findLiveAt} would return, counted by the database without loading their rows (what a
     * change feed starting at that snapshot checks against its bound before it loads them).
     */
    long countLiveAt(UUID assetId, UUID snapshotId);

    /** Segments added by the given snapshot. */
    List<WebmSegment> findAddedBy(UUID snapshotId);

    void add(WebmSegment segment);

    /** Forgets a segment (snapshot expiry: no retained snapshot sees it any more). */
    void remove(WebmSegment segment);

    /** A segment file whose row the catalog forgot: its path and size. */
    record ForgottenFile(String path, long byteSize) {}

    /**
     * Forgets the rows of the asset's segments removed by one of its snapshots numbered at most {@code sequence} (a
     * snapshot expiry: no retained snapshot sees them), in one statement, without loading the asset's other segments.
     *
     * @return their files, to delete once the forgetting has committed
     */
    java.util.List<ForgottenFile> forgetRemovedThrough(UUID assetId, long sequence);
}
