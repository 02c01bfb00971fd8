package coop.cpc.lakehouse.catalog.segment;

import java.util.Objects;
import java.util.UUID;

/**
 * Position before which the next (older) page of an asset's segments ends: a segment, in the order segments
 * were added (the sequence number of the snapshot that added them, then their creation time and id).
 */
public record SegmentCursor(UUID assetId, UUID segmentId) {

    public SegmentCursor {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(segmentId, "segmentId");
    }

    /** The cursor that lists the segments added before the given one. */
    public static SegmentCursor before(WebmSegment segment) {
        return new SegmentCursor(segment.getAssetId(), segment.getId());
    }
}
