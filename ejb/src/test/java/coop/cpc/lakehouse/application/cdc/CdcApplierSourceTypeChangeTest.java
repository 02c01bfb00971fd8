package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A source column whose type changed after the stream was created (ALTER TABLE ... ALTER COLUMN ... TYPE). */
class CdcApplierSourceTypeChangeTest {
    private static final String SCHEMA =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int32\",\"nullable\":false,\"primaryKey\":true},"
                    + "{\"name\":\"v\",\"type\":\"float32\",\"nullable\":true}]}";

    private final OrdersApplier orders = new OrdersApplier(SCHEMA);

    private void insert(Struct after) throws Exception {
        orders.insert(after);
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
        assertThat(orders.committed.commits).isEmpty();
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
        assertThat(orders.committed.commits).isEmpty();
    }

    @Test
    void aChangeOfTheColumnsOwnTypesIsStored() throws Exception {
        Schema same = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .build();

        insert(new Struct(same).put("id", 1).put("v", 0.5f));

        assertThat(orders.committed.of(0, orders.asset.getId()).changes().get(0).values())
                .containsExactly(1, 0.5f);
    }

    @Test
    void aBitColumnAnEarlierBuildAddedAsBytesKeepsTakingDebeziumsBytes() throws Exception {
        // An earlier build added ALTER TABLE orders ADD COLUMN f bit(12) to the asset as bytes.
        OrdersApplier earlier = new OrdersApplier(
                "{\"columns\":[{\"name\":\"id\",\"type\":\"int32\",\"nullable\":false,\"primaryKey\":true},"
                        + "{\"name\":\"f\",\"type\":\"bytes\",\"nullable\":true}]}");
        Schema change = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("f", DebeziumSchemas.bits("BIT", 12))
                .build();

        earlier.insert(new Struct(change).put("id", 1).put("f", new byte[] {5, 1}));

        assertThat(earlier.committed
                        .of(0, earlier.asset.getId())
                        .changes()
                        .get(0)
                        .values())
                .containsExactly(1, new byte[] {5, 1});
    }

    @Test
    void aBitVaryingColumnOfAStreamAnEarlierBuildCreatedKeepsTakingDebeziumsValueAsThatBuildStoredIt()
            throws Exception {
        // An earlier build created the stream on orders(id int primary key, flags bit varying(8)) (flags: string)
        // and stored Debezium's bytes as base64; one added mid-stream as bit varying(1) became bool.
        OrdersApplier earlier = new OrdersApplier(
                "{\"columns\":[{\"name\":\"id\",\"type\":\"int32\",\"nullable\":false,\"primaryKey\":true},"
                        + "{\"name\":\"flags\",\"type\":\"string\",\"nullable\":true},"
                        + "{\"name\":\"on\",\"type\":\"bool\",\"nullable\":true}]}");
        Schema change = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("flags", DebeziumSchemas.bits("VARBIT", 8))
                .field("on", DebeziumSchemas.bits("VARBIT", 1))
                .build();

        earlier.insert(
                new Struct(change).put("id", 1).put("flags", new byte[] {3}).put("on", true));

        assertThat(earlier.committed
                        .of(0, earlier.asset.getId())
                        .changes()
                        .get(0)
                        .values())
                .containsExactly(1, "Aw==", true);
    }

    @Test
    void aBitVaryingColumnAddedLaterStopsTheStreamNamingTheColumn() {
        // ALTER TABLE orders ADD COLUMN flags bit varying(8): Debezium drops its leading zeros.
        Schema added = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("v", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("flags", DebeziumSchemas.bits("VARBIT", 8))
                .build();

        assertThatThrownBy(() -> insert(new Struct(added).put("id", 1).put("flags", new byte[] {3})))
                .isInstanceOf(BitVaryingFailure.class)
                .hasMessageStartingWith("CDC stream orders: table public.orders, column flags has type bit varying,");
        assertThat(orders.committed.commits).isEmpty();
    }
}
