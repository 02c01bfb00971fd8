package coop.cpc.lakehouse.application.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The catalog half of a commit, in ONE transaction: the segments' rows, a snapshot row, the
 * schema's new columns, and the asset's current snapshot moved by compare-and-set from the one
 * the writer saw. The asset row is locked for the transaction, so commits to one asset take turns.
 */
@Stateless
public class TableCommits {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AssetRepository assets;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    SegmentRepository segments;

    /** The asset as it is now, for a writer to plan against (not audited: the write is). */
    public DataAsset current(UUID assetId) throws UnknownAssetException {
        return assets.find(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
    }

    /**
     * @param expectedParent the current snapshot the writer saw (null: the asset had none)
     * @param added          columns the write adds to the schema (nullable)
     * @throws CommitConflictException when another commit moved the asset first: nothing is written
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public CommitResult commit(UUID assetId, UUID expectedParent, SnapshotOperation operation, List<ColumnSpec> added,
            List<StagedSegment> staged, UUID jobId, Long executionId, int attempt)
            throws CommitConflictException, UnknownAssetException, SchemaMismatchException {
        return record(assetId, expectedParent, operation, added, staged, jobId, executionId, attempt);
    }

    /**
     * The same commit inside the caller's transaction, on whatever snapshot is current once the asset is
     * locked: for a caller that records more in the same transaction (an ingestion run unstages its files).
     * An APPEND adds the segments; an OVERWRITE also removes every segment live before it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public CommitResult commitOnCurrent(UUID assetId, SnapshotOperation operation, List<ColumnSpec> added,
            List<StagedSegment> staged, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException {
        DataAsset asset = assets.findForUpdate(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
        try {
            return record(assetId, asset.getCurrentSnapshotId(), operation, added, staged, jobId, executionId, 1);
        } catch (CommitConflictException e) {
            throw new IllegalStateException("the asset is locked, so its snapshot cannot move", e);
        }
    }

    private CommitResult record(UUID assetId, UUID expectedParent, SnapshotOperation operation, List<ColumnSpec> added,
            List<StagedSegment> staged, UUID jobId, Long executionId, int attempt)
            throws CommitConflictException, UnknownAssetException, SchemaMismatchException {
        DataAsset asset = assets.findForUpdate(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
        String name = asset.getNamespace() + "." + asset.getName();
        if (!Objects.equals(asset.getCurrentSnapshotId(), expectedParent)) {
            throw new CommitConflictException(name, expectedParent, asset.getCurrentSnapshotId());
        }
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        for (ColumnSpec column : added) {
            var existing = schema.column(column.name());
            if (existing.isPresent() && !existing.get().type().equals(column.type())) {
                throw new SchemaMismatchException("column " + column.name() + " of asset " + name + " is "
                        + existing.get().type() + "; this write adds it as " + column.type());
            }
            if (existing.isEmpty()) {
                schema = schema.plus(List.of(column));
            }
        }
        long rows = staged.stream().mapToLong(StagedSegment::rowCount).sum();
        long bytes = staged.stream().mapToLong(StagedSegment::byteSize).sum();
        List<WebmSegment> replaced = operation == SnapshotOperation.OVERWRITE && expectedParent != null
                ? segments.findLiveAt(assetId, expectedParent) : List.of();
        long rowsRemoved = replaced.stream().mapToLong(WebmSegment::getRowCount).sum();
        long bytesRemoved = replaced.stream().mapToLong(WebmSegment::getByteSize).sum();
        String summary = summary(rows, rowsRemoved, staged.size(), bytes, added);
        AssetSnapshot snapshot = expectedParent == null
                ? AssetSnapshot.first(assetId, operation, summary, jobId, executionId)
                : AssetSnapshot.after(snapshots.find(expectedParent).orElseThrow(), operation, summary, jobId, executionId);
        snapshots.add(snapshot);
        replaced.forEach(segment -> segment.removedBy(snapshot.getId()));
        for (StagedSegment segment : staged) {
            segments.add(new WebmSegment(assetId, snapshot.getId(), segment.path(), SegmentKind.DATA, segment.rowCount(),
                    segment.byteSize(), segment.sha256(), segment.columnStatisticsJson()));
        }
        if (!added.isEmpty()) {
            asset.setSchema(schema.toJson());
        }
        asset.commitSnapshot(snapshot.getId(), asset.getRowCount() - rowsRemoved + rows,
                asset.getByteSize() - bytesRemoved + bytes);
        return new CommitResult(snapshot.getId(), snapshot.getSequenceNumber(), rows, asset.getRowCount(), attempt);
    }

    private static String summary(long rows, long rowsRemoved, int segmentCount, long bytes, List<ColumnSpec> added) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("rowsAdded", rows);
        summary.put("rowsRemoved", rowsRemoved);
        summary.put("segmentsAdded", segmentCount);
        summary.put("bytesAdded", bytes);
        var columns = summary.putArray("columnsAdded");
        added.forEach(c -> columns.add(c.name()));
        return summary.toString();
    }
}
