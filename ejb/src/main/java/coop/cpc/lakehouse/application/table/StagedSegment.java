package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.util.UUID;

/**
 * A segment file written and renamed into place, not yet part of any snapshot.
 *
 * @param path                 relative to {@code webm_storage_path}
 * @param columnStatisticsJson per column min, max and null count, as stored in the catalog
 */
public record StagedSegment(String path, long rowCount, long byteSize, String sha256, String columnStatisticsJson) {

    /** The catalog row of this file once {@code snapshotId} of {@code assetId} adds it. */
    public WebmSegment addedBy(UUID assetId, UUID snapshotId, SegmentKind kind, long dataSequence) {
        return new WebmSegment(
                assetId, snapshotId, path, kind, rowCount, byteSize, sha256, columnStatisticsJson, dataSequence);
    }
}
