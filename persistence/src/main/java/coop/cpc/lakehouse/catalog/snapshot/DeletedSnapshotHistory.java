package coop.cpc.lakehouse.catalog.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the deletion of expired snapshot rows left of an asset's early history: every snapshot up to
 * {@code throughSequence} is expired, and some of them no longer have a row. A read of a snapshot the catalog
 * no longer knows, or as of a time before the first snapshot after {@code throughSequence}, is a read of an
 * expired snapshot.
 *
 * @param throughSequence    the sequence number of the newest deleted snapshot
 * @param throughCommittedAt when that snapshot was committed
 * @param snapshotsDeleted   how many snapshot rows of the asset were deleted, in all
 */
public record DeletedSnapshotHistory(
        UUID assetId, long throughSequence, Instant throughCommittedAt, long snapshotsDeleted) {

    public DeletedSnapshotHistory {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(throughCommittedAt, "throughCommittedAt");
    }
}
