package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ChangeValuesTest {

    @Test
    void microsecondTimestampsKeepEveryMicrosecond() {
        Schema micro =
                SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        assertThat(ChangeValues.convert(micro, 1_772_359_200_123_456L, new ColumnType("timestamp_us")))
                .isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(ChangeValues.convert(micro, -1L, new ColumnType("timestamp_us")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        Schema zoned =
                SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build();
        assertThat(ChangeValues.convert(zoned, "2026-03-01T11:30:00.000001+02:00", new ColumnType("timestamp_us")))
                .isEqualTo(Instant.parse("2026-03-01T09:30:00.000001Z"));
    }

    @Test
    void decimalsStayExactAtTheColumnsScale() {
        Schema decimal = Decimal.schema(2);
        assertThat(ChangeValues.convert(decimal, new BigDecimal("9999999999.99"), new ColumnType("decimal(12,2)")))
                .isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(ChangeValues.convert(decimal, new BigDecimal("-0.5"), new ColumnType("decimal(12,2)")))
                .isEqualTo(new BigDecimal("-0.50"));
    }

    @Test
    void datesAndIntegers() {
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        assertThat(ChangeValues.convert(date, 0, new ColumnType("date"))).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(ChangeValues.convert(Schema.INT16_SCHEMA, (short) -7, new ColumnType("int32")))
                .isEqualTo(-7);
    }

    @Test
    void theToastPlaceholderIsRecognisedAsTextAndAsBytes() {
        assertThat(ChangeValues.isUnavailable("__debezium_unavailable_value")).isTrue();
        assertThat(ChangeValues.isUnavailable("__debezium_unavailable_value".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(ChangeValues.isUnavailable("a real value")).isFalse();
        assertThat(ChangeValues.isUnavailable(null)).isFalse();
    }

    @Test
    void aNewDecimalColumnTheColumnarDecimalCannotHoldIsTextWithItsExactValue() {
        Schema wide =
                Decimal.builder(2).parameter("connect.decimal.precision", "20").build();
        Schema scaleAbovePrecision =
                Decimal.builder(5).parameter("connect.decimal.precision", "2").build();

        assertThat(ChangeValues.typeOf(wide).name()).isEqualTo("string");
        assertThat(ChangeValues.typeOf(scaleAbovePrecision).name()).isEqualTo("string");
        assertThat(ChangeValues.convert(wide, new BigDecimal("123456789012345678.90"), ChangeValues.typeOf(wide)))
                .isEqualTo("123456789012345678.90");
        assertThat(ChangeValues.convert(
                        scaleAbovePrecision, new BigDecimal("0.00012"), ChangeValues.typeOf(scaleAbovePrecision)))
                .isEqualTo("0.00012");
    }

    @Test
    void aNewSourceColumnGetsTheTypeOfItsSchema() {
        assertThat(ChangeValues.typeOf(Decimal.builder(3)
                                .parameter("connect.decimal.precision", "10")
                                .build())
                        .name())
                .isEqualTo("decimal(10,3)");
        assertThat(ChangeValues.typeOf(SchemaBuilder.int64()
                                .name("io.debezium.time.MicroTimestamp")
                                .build())
                        .name())
                .isEqualTo("timestamp_us");
        assertThat(ChangeValues.typeOf(Schema.OPTIONAL_STRING_SCHEMA).name()).isEqualTo("string");
        assertThat(ChangeValues.typeOf(Schema.OPTIONAL_BOOLEAN_SCHEMA).name()).isEqualTo("bool");
    }
}
