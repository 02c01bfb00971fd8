package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A source column whose type changed after the stream was created (ALTER TABLE ... ALTER COLUMN ... TYPE). */
class CdcApplierSourceTypeChangeTest {
    private static final String SCHEMA =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int32\",\"nullable\":false,\"primaryKey\":true},"
                    + "{\"name\":\"v\",\"type\":\"float32\",\"nullable\":true}]}";

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DataAsset asset =
            new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, SCHEMA);
    private final CdcTable table = new CdcTable("public.orders", asset.getId(), List.of("id"));
    private final RecordedCommits committed = new RecordedCommits();
    private final CdcApplier applier = new CdcApplier();

    CdcApplierSourceTypeChangeTest() {
        catalog.assets.add(asset);
        applier.assets = catalog.assets;
        applier.deferral = new CompactionDeferral();
        applier.tables = committed.tables();
    }

    private void insert(Struct after) throws Exception {
        applier.apply(
                OrdersStream.capturing(List.of(table)),
                List.of(new SourceChange("public.orders", SourceChange.Kind.UPSERT, null, after)),
                Map.of("lsn", 1L),
                -1);
    }

    @Test
    void aKeyColumnChangedToBigintStopsTheStreamNamingTableColumnAndBothTypes() {
        // ALTER TABLE orders ALTER COLUMN id TYPE bigint; INSERT INTO orders VALUES (4294967297, 1)
        Schema altered = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .build();

        assertThatThrownBy(() ->
                        insert(new Struct(altered).put("id", 4_294_967_297L).put("v", 1f)))
                .isInstanceOf(SourceTypeChangedFailure.class)
                .hasMessageStartingWith("CDC stream orders: table public.orders, column id: the source column's type"
                        + " changed: the asset's column is int32 and the change's is int64 (Debezium INT64), which"
                        + " the column cannot hold exactly");
        assertThat(committed.commits).isEmpty();
    }

    @Test
    void aFloatColumnChangedToDoubleStopsTheStreamInsteadOfRounding() {
        Schema altered = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .build();

        assertThatThrownBy(() -> insert(new Struct(altered).put("id", 1).put("v", 1e300)))
                .isInstanceOf(SourceTypeChangedFailure.class)
                .hasMessageContaining("column v: the source column's type changed: the asset's column is float32 and"
                        + " the change's is float64");
        assertThat(committed.commits).isEmpty();
    }

    @Test
    void aChangeOfTheColumnsOwnTypesIsStored() throws Exception {
        Schema same = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .build();

        insert(new Struct(same).put("id", 1).put("v", 0.5f));

        assertThat(committed.of(0, asset.getId()).changes().get(0).values()).containsExactly(1, 0.5f);
    }

    @Test
    void aBitVaryingColumnAddedLaterStopsTheStreamNamingTheColumn() {
        // ALTER TABLE orders ADD COLUMN flags bit varying(8): Debezium drops its leading zeros.
        Schema added = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field(
                        "flags",
                        SchemaBuilder.bytes()
                                .optional()
                                .name("io.debezium.data.Bits")
                                .parameter("length", "8")
                                .parameter("__debezium.source.column.type", "VARBIT")
                                .build())
                .build();

        assertThatThrownBy(() -> insert(new Struct(added).put("id", 1).put("flags", new byte[] {3})))
                .isInstanceOf(BitVaryingFailure.class)
                .hasMessageStartingWith("CDC stream orders: table public.orders, column flags has type bit varying,");
        assertThat(committed.commits).isEmpty();
    }
}
