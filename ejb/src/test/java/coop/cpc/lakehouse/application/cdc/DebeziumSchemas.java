package coop.cpc.lakehouse.application.cdc;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Schemas of PostgreSQL columns as Debezium 3.6 sends them with the stream's engine properties. */
final class DebeziumSchemas {
    private DebeziumSchemas() {}

    /** A bit string column, its source type (BIT or VARBIT) propagated: one bit as a boolean, else Bits. */
    static Schema bits(String sourceType, int length) {
        SchemaBuilder schema = length == 1
                ? SchemaBuilder.bool()
                : SchemaBuilder.bytes().name("io.debezium.data.Bits").parameter("length", Integer.toString(length));
        return schema.optional()
                .parameter("__debezium.source.column.type", sourceType)
                .parameter("__debezium.source.column.length", Integer.toString(length))
                .build();
    }
}
