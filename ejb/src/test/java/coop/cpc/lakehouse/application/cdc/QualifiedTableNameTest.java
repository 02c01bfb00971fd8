package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The consumer names each change's table {@code schema.table} once per run of changes of one table: the changes of a
 * batch get the same string (built, hashed and compared once), and a change of another table gets its own name.
 */
class QualifiedTableNameTest {
    @Test
    void changesOfOneTableShareOneNameString() {
        EnvelopeFields.QualifiedName names = new EnvelopeFields.QualifiedName();
        String first = names.of(new String("public"), new String("orders"));
        String again = names.of(new String("public"), new String("orders"));

        assertThat(first).isEqualTo("public.orders");
        assertThat(again).isSameAs(first);
    }

    @Test
    void aChangeOfAnotherTableOrSchemaGetsItsOwnName() {
        EnvelopeFields.QualifiedName names = new EnvelopeFields.QualifiedName();

        assertThat(names.of("public", "orders")).isEqualTo("public.orders");
        assertThat(names.of("public", "lines")).isEqualTo("public.lines");
        assertThat(names.of("sales", "lines")).isEqualTo("sales.lines");
        assertThat(names.of("public", "orders")).isEqualTo("public.orders");
        assertThat(names.of(null, "orders")).isEqualTo("null.orders");
        assertThat(names.of("public", null)).isEqualTo("public.null");
    }
}
