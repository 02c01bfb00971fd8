package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/** The applier of the stream "orders" on one asset of table public.orders (key id), recording its commits. */
final class OrdersApplier {
    final DataAsset asset;
    final RecordedCommits committed = new RecordedCommits();
    private final CdcTable table;
    private final CdcApplier applier = new CdcApplier();

    /** @param schema the asset's schema as JSON */
    OrdersApplier(String schema) {
        InMemoryCatalog catalog = new InMemoryCatalog();
        asset = new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, schema);
        table = new CdcTable("public.orders", asset.getId(), List.of("id"));
        catalog.assets.add(asset);
        applier.assets = catalog.assets;
        applier.deferral = new CompactionDeferral();
        applier.tables = committed.tables();
    }

    /** Applies one transaction of one insert. */
    void insert(Struct after) throws Exception {
        applier.apply(
                OrdersStream.capturing(List.of(table)),
                List.of(new SourceChange("public.orders", SourceChange.Kind.UPSERT, null, after)),
                Map.of("lsn", 1L),
                -1);
    }
}
