package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** An update that left a TOASTed value alone takes it from the stored row, found past pages the scan budget cut short. */
class CdcApplierStoredRowTest {
    private static final String SCHEMA =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false,\"primaryKey\":true},"
                    + "{\"name\":\"note\",\"type\":\"string\",\"nullable\":true}]}";
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final List<Column> COLUMNS = List.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("note", ColumnType.of(ColumnType.Kind.STRING), true));

    /** A new one for each test (a test instance each). */
    private final DataAsset asset =
            new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, SCHEMA);

    /** public.orders captured into the asset, keyed by id. */
    private CdcTable ordersTable() {
        return new CdcTable("public.orders", asset.getId(), List.of("id"));
    }

    /** An applier of changes to the asset (in an in-memory catalog) that commits through {@code committed}. */
    private CdcApplier applierCommittingTo(RecordedCommits committed) {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.assets.add(asset);
        CdcApplier applier = new CdcApplier();
        applier.assets = catalog.assets;
        applier.deferral = new CompactionDeferral();
        applier.tables = committed.tables();
        return applier;
    }

    /** Applies an update of row 1 whose note PostgreSQL left TOASTed, committing through {@code committed}. */
    private void applyAnUpdateThatLeftTheNoteToasted(RecordedCommits committed) throws Exception {
        CdcApplier applier = applierCommittingTo(committed);
        Struct after = new Struct(ROW).put("id", 1L).put("note", ChangeValues.UNAVAILABLE);

        applier.apply(
                OrdersStream.capturing(List.of(ordersTable())),
                List.of(new SourceChange("public.orders", SourceChange.Kind.UPSERT, null, after)),
                Map.of("lsn", 1L),
                -1);
    }

    @Test
    void aToastedValueIsTakenFromTheStoredRowAfterEmptyPagesWithANextCursor() throws Exception {
        UUID snapshot = UUID.randomUUID();
        List<RowCursor> asked = new ArrayList<>();
        RecordedCommits committed = new RecordedCommits(after -> {
            asked.add(after);
            // Two pages the budget cut short before any row matched, then the stored row.
            return asked.size() < 3
                    ? new RowPage(COLUMNS, List.of(), snapshot, new RowCursor(snapshot, asked.size(), 0, 0), 0)
                    : new RowPage(COLUMNS, List.<Object[]>of(new Object[] {1L, "kept"}), snapshot, null, 0);
        });
        applyAnUpdateThatLeftTheNoteToasted(committed);

        assertThat(asked).containsExactly(null, new RowCursor(snapshot, 1, 0, 0), new RowCursor(snapshot, 2, 0, 0));
        assertThat(committed.of(0, asset.getId()).changes().get(0).values()).containsExactly(1L, "kept");
    }

    /** A compaction and an expiry committing while the lookup reads expire its snapshot: it reads the new one. */
    @Test
    void aLookupWhoseSnapshotExpiredMeanwhileReadsTheCurrentOne() throws Exception {
        int[] reads = {0};
        RecordedCommits committed = new RecordedCommits(after -> {
            if (++reads[0] == 1) {
                throw CdcApplierStoredRowTest.<RuntimeException>thrown(
                        new SnapshotExpiredException("snapshot #7 of sales.orders expired"));
            }
            return new RowPage(COLUMNS, List.<Object[]>of(new Object[] {1L, "kept"}), UUID.randomUUID(), null, 0);
        });
        applyAnUpdateThatLeftTheNoteToasted(committed);

        assertThat(reads[0]).isEqualTo(2);
        assertThat(committed.of(0, asset.getId()).changes().get(0).values()).containsExactly(1L, "kept");
    }

    /**
     * A TOASTed value of a key an earlier change of the same commit wrote takes that change's value (or none after
     * its delete) without reading the stored row; the keys seen before the first TOASTed value count as well as later
     * ones.
     */
    @Test
    void aToastedValueTakesTheValueAnEarlierChangeOfTheSameCommitWrote() throws Exception {
        RecordedCommits committed = new RecordedCommits();
        CdcApplier applier = applierCommittingTo(committed);

        applier.apply(
                OrdersStream.capturing(List.of(ordersTable())),
                List.of(
                        upsert(1L, "first"),
                        upsert(2L, "second"),
                        delete(2L),
                        upsert(1L, ChangeValues.UNAVAILABLE),
                        upsert(2L, ChangeValues.UNAVAILABLE),
                        upsert(3L, "third"),
                        upsert(1L, "changed"),
                        upsert(3L, ChangeValues.UNAVAILABLE),
                        upsert(1L, ChangeValues.UNAVAILABLE)),
                Map.of("lsn", 1L),
                -1);

        List<Object[]> rows = committed.of(0, asset.getId()).changes().stream()
                .map(c -> c.values())
                .toList();
        assertThat(rows.get(3)).containsExactly(1L, "first");
        assertThat(rows.get(4)).containsExactly(2L, null);
        assertThat(rows.get(7)).containsExactly(3L, "third");
        assertThat(rows.get(8)).containsExactly(1L, "changed");
    }

    private static SourceChange upsert(long id, String note) {
        return new SourceChange(
                "public.orders",
                SourceChange.Kind.UPSERT,
                null,
                new Struct(ROW).put("id", id).put("note", note));
    }

    private static SourceChange delete(long id) {
        return new SourceChange("public.orders", SourceChange.Kind.DELETE, new Struct(ROW).put("id", id), null);
    }

    /** Throws a checked exception the table service declares through the recorded service's function. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException thrown(Throwable failure) throws E {
        throw (E) failure;
    }
}
