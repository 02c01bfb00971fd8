package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceTablesTest {
    @Test
    void arrayTypesTheConnectorLeavesOutAreNamedAsUncapturable() {
        assertThat(SourceTables.uncapturable("interval[]")).isTrue();
        assertThat(SourceTables.uncapturable("money[]")).isTrue();
        assertThat(SourceTables.uncapturable("bit varying(8)[]")).isTrue();
        assertThat(SourceTables.uncapturable("xml[]")).isTrue();
        assertThat(SourceTables.uncapturable("point[]")).isTrue();
        assertThat(SourceTables.uncapturable("name[]")).isTrue();
    }

    @Test
    void intervalArraysWithFieldsOrPrecisionAreUncapturable() {
        assertThat(SourceTables.uncapturable("interval hour to minute[]")).isTrue();
        assertThat(SourceTables.uncapturable("interval second(3)[]")).isTrue();
        assertThat(SourceTables.uncapturable("interval day to second(6)[]")).isTrue();
        assertThat(SourceTables.uncapturable("interval(2)[]")).isTrue();
        assertThat(SourceTables.uncapturable("interval hour to minute")).isFalse();
    }

    @Test
    void arraysTheConnectorSendsAndOtherTypesAreCapturable() {
        assertThat(SourceTables.uncapturable("text[]")).isFalse();
        assertThat(SourceTables.uncapturable("bytea[]")).isFalse();
        assertThat(SourceTables.uncapturable("timestamp(3) with time zone[]")).isFalse();
        assertThat(SourceTables.uncapturable("numeric(10,2)[]")).isFalse();
        assertThat(SourceTables.uncapturable("interval")).isFalse();
        assertThat(SourceTables.uncapturable("money")).isFalse();
    }

    @Test
    void arraysAndTimesAreText() {
        assertThat(SourceTables.type("text[]").name()).isEqualTo("string");
        assertThat(SourceTables.type("time without time zone").name()).isEqualTo("string");
        assertThat(SourceTables.type("interval").name()).isEqualTo("string");
    }

    @Test
    void bitVaryingIsRefusedAndBitIsText() {
        assertThat(SourceTables.bitVarying("bit varying(8)")).isTrue();
        assertThat(SourceTables.bitVarying("bit varying")).isTrue();
        assertThat(SourceTables.bitVarying("bit(8)")).isFalse();
        assertThat(SourceTables.type("bit(8)").name()).isEqualTo("string");
        assertThat(SourceTables.type("bit(1)").name()).isEqualTo("string");
    }
}
