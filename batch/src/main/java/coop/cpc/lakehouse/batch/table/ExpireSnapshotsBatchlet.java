package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.ExpiryResult;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The step of the daily {@code expire-snapshots} job: expires every asset's snapshots older than
 * {@code snapshot_retention_days}, keeping the newest {@code snapshot_retain_last}, then deletes the catalog rows
 * of snapshots expired more than {@code expired_snapshot_record_days} ago (in batches, each its own transaction).
 * Exit status "EXPIRED n SNAPSHOTS, DELETED m SEGMENTS, DELETED k SNAPSHOT RECORDS", or "REFUSED storage-not-owned:
 * ..." when the segment folder is another catalog's (no asset is expired from then on).
 */
@Named("expireSnapshotsBatchlet")
@Dependent
public class ExpireSnapshotsBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ExpireSnapshotsBatchlet.class.getName());
    private static final int PAGE = 200;

    @EJB
    AssetService assets;

    @Inject
    LakehouseSettings settings;

    @EJB
    TableService tables;

    @Override
    public String process() throws Exception {
        Instant olderThan = Instant.now().minus(Duration.ofDays(settings.snapshotRetentionDays()));
        int snapshots = 0;
        int segments = 0;
        AssetCursor after = null;
        while (true) {
            // The asset service bounds a page by graphql_max_page_size, which an operator may set below PAGE.
            Page<DataAsset> page = assets.list(null, List.of(), after, Math.min(PAGE, settings.graphqlMaxPageSize()));
            for (DataAsset asset : page.items()) {
                try {
                    ExpiryResult result =
                            tables.expireSnapshots(asset.getId(), olderThan, settings.snapshotRetainLast());
                    snapshots += result.snapshotsExpired();
                    segments += result.segmentsDeleted();
                } catch (UnknownAssetException e) {
                    LOG.fine(() -> "Asset " + asset.getId() + " was deleted during the expiry");
                } catch (StorageNotOwnedException notOwned) {
                    // Another catalog's folder: no asset's expiry may delete there, so none is made (their rows stay).
                    LOG.warning(() -> "Snapshot expiry refused: " + notOwned.getMessage());
                    return CompactAssetBatchlet.refused(notOwned);
                }
            }
            if (!page.hasNextPage()) {
                break;
            }
            DataAsset last = page.items().get(page.items().size() - 1);
            after = new AssetCursor(last.getNamespace(), last.getName());
        }
        long records = tables.deleteExpiredSnapshots(
                Instant.now().minus(Duration.ofDays(settings.expiredSnapshotRecordDays())));
        return "EXPIRED " + snapshots + " SNAPSHOTS, DELETED " + segments + " SEGMENTS, DELETED " + records
                + " SNAPSHOT RECORDS";
    }
}
