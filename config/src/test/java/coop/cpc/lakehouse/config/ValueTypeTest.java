package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTypeTest {

    @ParameterizedTest
    @CsvSource({
        "BYTE_LIMIT, 1024, 268435456",
        "SEGMENT_ROWS, 1024, 1048576",
        "TRANSACTION_CHANGES, 1024, 4194304",
        "COUNT, 1, 100000",
        "HOUR, 0, 23",
        "DAYS, 1, 36500",
        "PAGE_SIZE, 1, 10000",
        "HEARTBEAT_MS, 100, 3600000"
    })
    void aBoundedIntegerTypeAcceptsItsBoundsAndNamesThemForAValueOutside(ValueType type, long min, long max) {
        assertThat(type.problemWith(Long.toString(min))).isNull();
        assertThat(type.problemWith(" " + max + " ")).isNull();
        assertThat(type.problemWith(Long.toString(min - 1))).isEqualTo("must be from " + min + " to " + max);
        assertThat(type.problemWith(Long.toString(max + 1))).isEqualTo("must be from " + min + " to " + max);
        assertThat(type.problemWith("ten")).isEqualTo("must be an integer");
        assertThat(type.description()).contains(Long.toString(max));
    }
}
