package coop.cpc.lakehouse.application.cdc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** The running stream "orders" of the applier tests: no initial snapshot, source 127.0.0.1, namespace sales. */
final class OrdersStream {
    /** The asset schema of the applier tests' tables: a primary key {@code id} and a nullable {@code v}. */
    static final String ID_AND_V =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false,\"primaryKey\":true},"
                    + "{\"name\":\"v\",\"type\":\"int64\",\"nullable\":true}]}";

    /** A source row of that table. */
    static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("v", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    /** A source row of that table after a column {@code note} was added in the source. */
    static final Schema ROW_WITH_NOTE = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("v", Schema.OPTIONAL_INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private OrdersStream() {}

    static CdcStream capturing(List<CdcTable> tables) {
        return new CdcStream(
                UUID.randomUUID(),
                "orders",
                "jdbc:postgresql://127.0.0.1:5432/shop",
                "cdc",
                "shop_password",
                "sales",
                CdcStream.SnapshotMode.NO_DATA,
                "lakehouse_cdc_orders",
                "lakehouse_cdc_orders_pub",
                true,
                true,
                List.of(),
                null,
                tables,
                Instant.EPOCH,
                0);
    }
}
