package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * THE exactly-once step: ONE catalog transaction records the new snapshot of every asset the
 * changes touch, each by compare-and-set on the snapshot its rows were computed from, AND the
 * stream's offset, by compare-and-set on its version. Either all of it commits or none.
 */
@Stateless
public class CdcCommit {

    /** What one asset gets: its new rows' segment files, computed from {@code expectedSnapshot}. */
    public record AssetWrite(UUID assetId, UUID expectedSnapshot, List<ColumnSpec> added, List<StagedSegment> staged) {
    }

    /** Another writer moved an asset or the offset first: nothing was written; compute again. */
    public static final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    @Inject
    AssetRepository assets;

    @EJB
    TableCommits commits;

    @EJB
    CdcCatalog catalog;

    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commit(UUID streamId, String connectorName, List<AssetWrite> writes, Map<String, ?> offset,
            long expectedOffsetVersion, boolean snapshotCompleted)
            throws Conflict, UnknownAssetException, SchemaMismatchException {
        for (AssetWrite write : writes) {
            DataAsset asset = assets.findForUpdate(write.assetId())
                    .orElseThrow(() -> new UnknownAssetException("with id " + write.assetId()));
            if (!Objects.equals(asset.getCurrentSnapshotId(), write.expectedSnapshot())) {
                context.setRollbackOnly();
                throw new Conflict(new CommitConflictException(asset.getNamespace() + "." + asset.getName(),
                        write.expectedSnapshot(), asset.getCurrentSnapshotId()).getMessage());
            }
            commits.commitOnCurrent(write.assetId(), SnapshotOperation.OVERWRITE, write.added(), write.staged(), null, null);
        }
        if (!catalog.saveOffset(connectorName, offset, expectedOffsetVersion)) {
            context.setRollbackOnly();
            throw new Conflict("the offset of CDC stream " + streamId + " was moved by another writer");
        }
        if (snapshotCompleted) {
            catalog.markSnapshotCompleted(streamId);
        }
    }
}
