package coop.cpc.lakehouse.catalog.snapshot;

import java.util.Objects;
import java.util.UUID;

/** Position before which the next (older) page of an asset's snapshots ends, by sequence number. */
public record SnapshotCursor(UUID assetId, long sequenceNumber) {

    public SnapshotCursor {
        Objects.requireNonNull(assetId, "assetId");
    }

    /** The cursor that lists the snapshots older than the given one. */
    public static SnapshotCursor before(AssetSnapshot snapshot) {
        return new SnapshotCursor(snapshot.getAssetId(), snapshot.getSequenceNumber());
    }
}
