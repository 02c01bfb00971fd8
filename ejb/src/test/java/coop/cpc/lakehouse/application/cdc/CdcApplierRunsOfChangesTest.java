package coop.cpc.lakehouse.application.cdc;

import static coop.cpc.lakehouse.application.cdc.OrdersStream.ID_AND_V;
import static coop.cpc.lakehouse.application.cdc.OrdersStream.ROW;
import static coop.cpc.lakehouse.application.cdc.OrdersStream.ROW_WITH_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * The applier looks a change's table and row schema up only when they differ from the previous change's (a batch is
 * mostly runs of one table and one schema): changes of tables and schemas that alternate still land in their own
 * asset, in their order, each mapped by its own schema, also when one table's name comes as different strings.
 */
class CdcApplierRunsOfChangesTest {

    private final DataAsset orders =
            new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, ID_AND_V);
    private final DataAsset lines =
            new DataAsset("sales", "lines", AssetType.STRUCTURED, Classification.INTERNAL, ID_AND_V);
    private final RecordedCommits committed = new RecordedCommits();
    private final CdcApplier applier = new CdcApplier();
    private final CdcStream stream = OrdersStream.capturing(List.of(
            new CdcTable("public.orders", orders.getId(), List.of("id")),
            new CdcTable("public.lines", lines.getId(), List.of("id"))));

    CdcApplierRunsOfChangesTest() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.assets.add(orders);
        catalog.assets.add(lines);
        applier.assets = catalog.assets;
        applier.deferral = new CompactionDeferral();
        applier.tables = committed.tables();
    }

    private static SourceChange upsert(String table, Struct after) {
        return new SourceChange(table, SourceChange.Kind.UPSERT, null, after);
    }

    private static Struct row(long id, long v) {
        return new Struct(ROW).put("id", id).put("v", v);
    }

    private static Struct rowWithNote(long id, long v, String note) {
        return new Struct(ROW_WITH_NOTE).put("id", id).put("v", v).put("note", note);
    }

    private static List<List<Object>> rows(TableChanges changes) {
        return changes.changes().stream().map(c -> List.of(c.values())).toList();
    }

    @Test
    void changesOfAlternatingTablesLandInTheirOwnAssetInOrder() throws Exception {
        applier.apply(
                stream,
                List.of(
                        upsert("public.orders", row(1, 10)),
                        upsert("public.orders", row(2, 20)),
                        upsert("public.lines", row(1, 100)),
                        upsert("public.other", row(9, 900)),
                        upsert("public.other", row(8, 800)),
                        upsert(new String("public.orders"), row(3, 30)),
                        upsert("public.lines", row(2, 200)),
                        upsert(new String("public.lines"), row(3, 300))),
                Map.of("lsn", 1L),
                -1);

        assertThat(committed.commits).hasSize(1);
        assertThat(committed.commits.get(0).keySet()).containsExactly(orders.getId(), lines.getId());
        assertThat(rows(committed.of(0, orders.getId())))
                .containsExactly(List.of(1L, 10L), List.of(2L, 20L), List.of(3L, 30L));
        assertThat(rows(committed.of(0, lines.getId())))
                .containsExactly(List.of(1L, 100L), List.of(2L, 200L), List.of(3L, 300L));
    }

    @Test
    void changesOfAlternatingSchemasAreEachMappedByTheirOwn() throws Exception {
        applier.apply(
                stream,
                List.of(
                        upsert("public.orders", row(1, 10)),
                        upsert("public.orders", rowWithNote(2, 20, "b")),
                        upsert("public.orders", row(3, 30)),
                        upsert("public.orders", row(4, 40)),
                        upsert("public.orders", rowWithNote(5, 50, "e"))),
                Map.of("lsn", 1L),
                -1);

        TableChanges changes = committed.of(0, orders.getId());
        assertThat(changes.columns()).extracting(c -> c.name()).containsExactly("id", "v", "note");
        assertThat(changes.changes().stream()
                        .map(c -> java.util.Arrays.asList(c.values()))
                        .toList())
                .containsExactly(
                        java.util.Arrays.asList(1L, 10L, null),
                        java.util.Arrays.asList(2L, 20L, "b"),
                        java.util.Arrays.asList(3L, 30L, null),
                        java.util.Arrays.asList(4L, 40L, null),
                        java.util.Arrays.asList(5L, 50L, "e"));
    }
}
