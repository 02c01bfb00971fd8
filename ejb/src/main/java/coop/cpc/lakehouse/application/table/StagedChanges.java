package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.util.List;
import java.util.UUID;

/**
 * One asset's changes written as segment files, not yet committed: data segments (upserted rows),
 * delete segments (keys), the columns the commit adds to the schema. Immutable; commit it with
 * {@link TableService#commit}, or discard it.
 *
 * @param seenSnapshot   the asset's current snapshot when the changes were staged (null: none)
 * @param relaxedColumns NOT NULL columns the commit makes nullable ({@link TableChanges#relaxedColumns})
 */
public record StagedChanges(
        UUID assetId,
        SnapshotOperation operation,
        boolean replaceAll,
        List<ColumnSpec> addedColumns,
        List<StagedSegment> dataSegments,
        List<StagedSegment> deleteSegments,
        UUID seenSnapshot,
        List<String> relaxedColumns) {

    public StagedChanges {
        addedColumns = List.copyOf(addedColumns);
        dataSegments = List.copyOf(dataSegments);
        deleteSegments = List.copyOf(deleteSegments);
        relaxedColumns = List.copyOf(relaxedColumns);
    }

    /**
     * Data segments appended, or replacing every live segment for an OVERWRITE, seen against {@code seenSnapshot}:
     * no delete segments, no column made nullable (what an ingestion run or a plain append commits).
     */
    public static StagedChanges ofSegments(
            UUID assetId,
            SnapshotOperation operation,
            List<ColumnSpec> addedColumns,
            List<StagedSegment> dataSegments,
            UUID seenSnapshot) {
        return new StagedChanges(
                assetId,
                operation,
                operation == SnapshotOperation.OVERWRITE,
                addedColumns,
                dataSegments,
                List.of(),
                seenSnapshot,
                List.of());
    }

    public long rowsUpserted() {
        return dataSegments.stream().mapToLong(StagedSegment::rowCount).sum();
    }

    public long keysDeleted() {
        return deleteSegments.stream().mapToLong(StagedSegment::rowCount).sum();
    }
}
