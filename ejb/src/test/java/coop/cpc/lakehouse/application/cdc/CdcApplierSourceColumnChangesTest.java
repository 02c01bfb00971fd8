package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.testing.CapturedLog;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A source column dropped, renamed or added after the stream was created (ALTER TABLE on the source). */
class CdcApplierSourceColumnChangesTest {
    private static final String SCHEMA =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false,\"primaryKey\":true},"
                    + "{\"name\":\"status\",\"type\":\"string\",\"nullable\":false}]}";

    private final OrdersApplier orders = new OrdersApplier(SCHEMA);
    private final DataAsset asset = orders.asset;
    private final RecordedCommits committed = orders.committed;

    private void insert(Struct after) throws Exception {
        orders.insert(after);
    }

    /** A changed row of two columns: the id and one NOT NULL text column. */
    private static Struct idAndText(long id, String column, String text) {
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field(column, Schema.STRING_SCHEMA)
                .build();
        return new Struct(schema).put("id", id).put(column, text);
    }

    @Test
    void aDroppedNotNullColumnBecomesNullableInTheSameCommit() throws Exception {
        // ALTER TABLE orders DROP COLUMN status; INSERT INTO orders VALUES (2)
        Schema dropped = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();

        insert(new Struct(dropped).put("id", 2L));

        TableChanges changes = committed.of(0, asset.getId());
        assertThat(changes.relaxedColumns()).containsExactly("status");
        Column status = changes.columns().get(1);
        assertThat(status.name()).isEqualTo("status");
        assertThat(status.nullable()).isTrue();
        Object[] row = changes.changes().get(0).values();
        assertThat(row).containsExactly(2L, null);
        assertThat(Values.normalize(status, row[1])).isNull();
    }

    /**
     * A column missing from a change may also be one PostgreSQL does not publish (a GENERATED ... STORED column
     * before PostgreSQL 18): the WARNING names what it knows, not a cause it guesses.
     */
    @Test
    void theWarningForAMissingNotNullColumnDoesNotClaimItWasDropped() throws Exception {
        Schema missing = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        List<String> warnings;
        try (CapturedLog log = CapturedLog.of(CdcApplier.class)) {
            insert(new Struct(missing).put("id", 4L));
            warnings = log.records().stream()
                    .filter(record -> record.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage)
                    .toList();
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .contains("column(s) status missing from the change: dropped, renamed or not published;")
                .doesNotContain("(dropped or renamed)");
    }

    @Test
    void aRenamedNotNullColumnIsRelaxedAndItsNewNameAdded() throws Exception {
        // ALTER TABLE orders RENAME COLUMN status TO state; INSERT INTO orders VALUES (3, 'paid')
        insert(idAndText(3L, "state", "paid"));

        TableChanges changes = committed.of(0, asset.getId());
        assertThat(changes.relaxedColumns()).containsExactly("status");
        assertThat(changes.columns())
                .extracting(Column::name, Column::nullable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", false),
                        org.assertj.core.groups.Tuple.tuple("status", true),
                        org.assertj.core.groups.Tuple.tuple("state", true));
        assertThat(changes.changes().get(0).values()).containsExactly(3L, null, "paid");
    }

    @Test
    void aChangeWithEveryColumnRelaxesNothing() throws Exception {
        insert(idAndText(4L, "status", "new"));

        assertThat(committed.of(0, asset.getId()).relaxedColumns()).isEmpty();
        assertThat(committed.of(0, asset.getId()).columns().get(1).nullable()).isFalse();
    }

    @Test
    void aNewColumnWhoseNameIsNotALakehouseNameStopsTheStreamNamingTableColumnAndRule() {
        // ALTER TABLE orders ADD COLUMN "Region" text
        Schema added = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("Region", Schema.OPTIONAL_STRING_SCHEMA)
                .build();

        assertThatThrownBy(() -> insert(new Struct(added).put("id", 5L).put("status", "new")))
                .isInstanceOf(UnacceptedColumnNameFailure.class)
                .hasMessageStartingWith("CDC stream orders: table public.orders has a new column 'Region', which"
                        + " is not a lakehouse column name (expected [a-z][a-z0-9_]{0,62}");
        assertThat(committed.commits).isEmpty();
    }

    @Test
    void aTimeAndABitColumnAddedLaterAreStoredAsTheTableSourcesText() throws Exception {
        // ALTER TABLE orders ADD COLUMN at time, ADD COLUMN flags bit(8); INSERT ... '10:00', B'00000101'
        Schema added = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field(
                        "at",
                        SchemaBuilder.int64()
                                .optional()
                                .name("io.debezium.time.MicroTime")
                                .build())
                .field("flags", DebeziumSchemas.bits("BIT", 8))
                .build();

        insert(new Struct(added)
                .put("id", 6L)
                .put("status", "new")
                .put("at", 36_000_000_000L)
                .put("flags", new byte[] {5}));

        TableChanges changes = committed.of(0, asset.getId());
        assertThat(changes.columns().get(2).type().toString()).isEqualTo("string");
        assertThat(changes.columns().get(3).type().toString()).isEqualTo("string");
        assertThat(changes.changes().get(0).values()).containsExactly(6L, "new", "10:00:00", "00000101");
    }
}
