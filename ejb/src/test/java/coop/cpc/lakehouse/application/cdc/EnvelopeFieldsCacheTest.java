package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * The consumer's envelope fields per schema: a run of changes of one schema is answered from the last schema asked
 * for, and schemas that alternate still get each their own fields, found once per schema.
 */
class EnvelopeFieldsCacheTest {
    private static Schema envelope(String table) {
        return SchemaBuilder.struct()
                .name("lakehouse.public." + table + ".Envelope")
                .field("op", Schema.STRING_SCHEMA)
                .field("after", SchemaBuilder.struct().optional().build())
                .build();
    }

    @Test
    void alternatingSchemasGetTheirOwnFieldsFoundOncePerSchema() {
        List<Schema> found = new ArrayList<>();
        EnvelopeFields.Cache<Schema> cache = new EnvelopeFields.Cache<>(schema -> {
            found.add(schema);
            return schema;
        });
        Schema orders = envelope("orders");
        Schema lines = envelope("lines");

        for (Schema asked : List.of(orders, orders, lines, lines, orders, lines, orders)) {
            assertThat(cache.of(asked)).isSameAs(asked);
        }

        assertThat(found).containsExactly(orders, lines);
    }

    @Test
    void theFieldsOfEachSchemaAreItsOwn() {
        EnvelopeFields.Cache<EnvelopeFields> cache = new EnvelopeFields.Cache<>(EnvelopeFields::of);
        Schema orders = envelope("orders");
        Schema lines = envelope("lines");

        EnvelopeFields ofOrders = cache.of(orders);
        EnvelopeFields ofLines = cache.of(lines);

        assertThat(ofOrders.op()).isSameAs(orders.field("op"));
        assertThat(ofLines.op()).isSameAs(lines.field("op"));
        assertThat(cache.of(orders)).isSameAs(ofOrders);
        assertThat(cache.of(lines)).isSameAs(ofLines);
    }
}
