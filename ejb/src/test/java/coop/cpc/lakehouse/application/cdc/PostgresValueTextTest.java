package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class PostgresValueTextTest {
    private static final Schema DATES = SchemaBuilder.array(SchemaBuilder.int32()
                    .name("io.debezium.time.Date")
                    .optional()
                    .build())
            .build();
    private static final Schema MICRO_TIMESTAMPS = SchemaBuilder.array(SchemaBuilder.int64()
                    .name("io.debezium.time.MicroTimestamp")
                    .optional()
                    .build())
            .build();

    @Test
    void dateArrayElementsAtInfinityBcAndYear10000AreWrittenAsPostgresqlWritesThem() {
        // What Debezium 3.6.1 sends for '{infinity,-infinity,0044-03-15 BC,10000-01-01}' (hunt-cdc probe); its
        // array path drops the era of a BC element, so -703383 is 0044-03-15 AD (a documented limit).
        assertThat(PostgresValueText.of(DATES, List.of(-622_191_234, -625_821_272, -703_383, 2_932_897)))
                .isEqualTo("{infinity,-infinity,0044-03-15,10000-01-01}");
    }

    @Test
    void dateArrayElementsAtTheScalarInfinityDaysAreInfinity() {
        assertThat(PostgresValueText.of(DATES, List.of(-2_147_472_692, -2_147_472_691)))
                .isEqualTo("{infinity,-infinity}");
    }

    @Test
    void dateArrayElementsBeforeYearOneAreWrittenWithBc() {
        // Proleptic year -43 is 44 BC.
        assertThat(PostgresValueText.of(
                        DATES, List.of((int) java.time.LocalDate.of(-43, 3, 15).toEpochDay())))
                .isEqualTo("{\"0044-03-15 BC\"}");
    }

    @Test
    void timestampArrayElementsBeforeYearOneAndAfter9999AreWrittenAsPostgresqlWritesThem() {
        long bc = LocalDateTime.of(-43, 3, 15, 10, 0).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000L;
        long after9999 =
                LocalDateTime.of(10_000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000L;
        assertThat(PostgresValueText.of(MICRO_TIMESTAMPS, List.of(bc, after9999, 9_223_372_036_825_200_000L)))
                .isEqualTo("{\"0044-03-15 10:00:00 BC\",\"10000-01-01 00:00:00\",infinity}");
    }

    @Test
    void zonedTimestampArrayElementsBeforeYearOneCarryBcAfterTheZone() {
        Schema zoned = SchemaBuilder.array(SchemaBuilder.string()
                        .name("io.debezium.time.ZonedTimestamp")
                        .optional()
                        .build())
                .build();
        assertThat(PostgresValueText.of(zoned, List.of("-0043-03-15T10:00:00Z")))
                .isEqualTo("{\"0044-03-15 10:00:00+00 BC\"}");
    }

    @Test
    void floatArrayTextIsShortestLikePostgres() {
        // PostgreSQL 15 under extra_float_digits = 1 (hunt-time, s16); JDK 17's toString gives a digit more.
        Schema doubles = SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).build();
        assertThat(PostgresValueText.of(doubles, List.of(2.82879384806159E17, 5e-324, -0.0, 1e15, 0.1)))
                .isEqualTo("{2.82879384806159e+17,5e-324,-0,1e+15,0.1}");
        Schema floats = SchemaBuilder.array(Schema.OPTIONAL_FLOAT32_SCHEMA).build();
        assertThat(PostgresValueText.of(floats, List.of(7.098103E18f, Float.MIN_VALUE, Float.NaN)))
                .isEqualTo("{7.098103e+18,1e-45,NaN}");
    }
}
