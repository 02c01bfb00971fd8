package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.ColumnType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A numeric column as Debezium sends it with decimal.handling.mode=string and its source type propagated. */
    private static Schema numeric(Integer length, Integer scale) {
        SchemaBuilder schema = SchemaBuilder.string().optional().parameter("__debezium.source.column.type", "NUMERIC");
        if (length != null) {
            schema.parameter("__debezium.source.column.length", Integer.toString(length));
        }
        if (scale != null) {
            schema.parameter("__debezium.source.column.scale", Integer.toString(scale));
        }
        return schema.build();
    }

    @Test
    void numericTextIsTheExactDecimalAtTheColumnsScale() {
        ColumnType decimal = new ColumnType("decimal(10,2)");
        assertThat(ChangeValues.convert(numeric(10, 2), "12.50", decimal)).isEqualTo(new BigDecimal("12.50"));
        assertThat(ChangeValues.convert(numeric(10, 2), "-0.50", decimal)).isEqualTo(new BigDecimal("-0.50"));
    }

    @Test
    void numericNanAndInfinityAreRefusedAsUnstorableAsTheTableSourceRefusesThem() {
        // Debezium 3.6.1 sends PostgreSQL's NaN and infinities as these names (probe against PostgreSQL 15).
        ColumnType decimal = new ColumnType("decimal(10,2)");
        assertThatThrownBy(() -> ChangeValues.convert(numeric(10, 2), "NAN", decimal))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'NaN' is not a decimal(10,2)");
        assertThatThrownBy(() -> ChangeValues.convert(numeric(10, 2), "POSITIVE_INFINITY", decimal))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'Infinity' is not a decimal(10,2)");
        assertThatThrownBy(() -> ChangeValues.convert(numeric(10, 2), "NEGATIVE_INFINITY", decimal))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'-Infinity' is not a decimal(10,2)");
    }

    @Test
    void numericStoredAsTextIsPostgresqlsTextNanAndInfinityIncluded() {
        assertThat(ChangeValues.convert(numeric(131089, 0), "NAN", STRING)).isEqualTo("NaN");
        assertThat(ChangeValues.convert(numeric(0, null), "POSITIVE_INFINITY", STRING))
                .isEqualTo("Infinity");
        assertThat(ChangeValues.convert(numeric(0, null), "NEGATIVE_INFINITY", STRING))
                .isEqualTo("-Infinity");
        assertThat(ChangeValues.convert(numeric(25, 2), "12345678901234567890.12", STRING))
                .isEqualTo("12345678901234567890.12");
        assertThat(ChangeValues.convert(numeric(20, 10), "1E-10", STRING)).isEqualTo("0.0000000001");
        assertThat(ChangeValues.convert(numeric(25, 2), "100.00", STRING)).isEqualTo("100.00");
    }

    /**
     * A numeric without precision keeps the text streams stored before decimal.handling.mode=string (Debezium's
     * precise mode stripped its trailing zeros), so keys and REPLICA IDENTITY FULL rows stored then still match.
     */
    @Test
    void unconstrainedNumericTextHasItsTrailingZerosStrippedAsStreamsStoredItBefore() {
        for (Schema unconstrained : List.of(numeric(131089, 0), numeric(0, null), numeric(0, 0))) {
            assertThat(ChangeValues.convert(unconstrained, "1.50", STRING)).isEqualTo("1.5");
            assertThat(ChangeValues.convert(unconstrained, "100.0", STRING)).isEqualTo("100");
            assertThat(ChangeValues.convert(unconstrained, "0.00", STRING)).isEqualTo("0");
            assertThat(ChangeValues.convert(unconstrained, "-0.0", STRING)).isEqualTo("0");
            assertThat(ChangeValues.convert(unconstrained, "-12.3400", STRING)).isEqualTo("-12.34");
            assertThat(ChangeValues.convert(unconstrained, "1E+3", STRING)).isEqualTo("1000");
            assertThat(ChangeValues.convert(unconstrained, "1.000E+3", STRING)).isEqualTo("1000");
            assertThat(ChangeValues.convert(unconstrained, "1E+40", STRING)).isEqualTo("1" + "0".repeat(40));
            assertThat(ChangeValues.convert(unconstrained, "1.50E-30", STRING)).isEqualTo("0." + "0".repeat(29) + "15");
            assertThat(ChangeValues.convert(unconstrained, "NAN", STRING)).isEqualTo("NaN");
            assertThat(ChangeValues.convert(unconstrained, "POSITIVE_INFINITY", STRING))
                    .isEqualTo("Infinity");
        }
    }

    @Test
    void unconstrainedNumericArrayElementsHaveTheirTrailingZerosStrippedAsStreamsStoredThemBefore() {
        Schema unconstrained = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA)
                .optional()
                .parameter("__debezium.source.column.type", "_NUMERIC")
                .parameter("__debezium.source.column.length", "131089")
                .parameter("__debezium.source.column.scale", "0")
                .build();
        assertThat(ChangeValues.convert(unconstrained, Arrays.asList("1.50", null, "100.0", "-0.0"), STRING))
                .isEqualTo("{1.5,NULL,100,0}");
        Schema constrained = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA)
                .optional()
                .parameter("__debezium.source.column.type", "_NUMERIC")
                .parameter("__debezium.source.column.length", "10")
                .parameter("__debezium.source.column.scale", "2")
                .build();
        assertThat(ChangeValues.convert(constrained, List.of("1.50", "100.00"), STRING))
                .isEqualTo("{1.50,100.00}");
    }

    @Test
    void aNewNumericColumnIsADecimalWhenTheColumnarDecimalHoldsItElseText() {
        assertThat(ChangeValues.typeOf(numeric(10, 2)).name()).isEqualTo("decimal(10,2)");
        assertThat(ChangeValues.typeOf(numeric(25, 2)).name()).isEqualTo("string");
        // numeric without precision: length 131089 while streaming, 0 without a scale in a snapshot.
        assertThat(ChangeValues.typeOf(numeric(131089, 0)).name()).isEqualTo("string");
        assertThat(ChangeValues.typeOf(numeric(0, null)).name()).isEqualTo("string");
        assertThat(ChangeValues.typeOf(numeric(2, 5)).name()).isEqualTo("string");
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

    private static final ColumnType TIMESTAMP = new ColumnType("timestamp_us");
    private static final ColumnType STRING = new ColumnType("string");

    @Test
    void aTimestampWithTimeZoneAtInfinityIsRefusedAsUnstorableNamingTheValue() {
        Schema zoned =
                SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build();
        assertThatThrownBy(() -> ChangeValues.convert(zoned, "infinity", TIMESTAMP))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'infinity' is outside the timestamps an asset stores");
        assertThatThrownBy(() -> ChangeValues.convert(zoned, "-infinity", TIMESTAMP))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'-infinity' is outside the timestamps an asset stores");
    }

    @Test
    void aTimestampAtDebeziumsInfinitySentinelIsRefusedAsInfinity() {
        Schema micro =
                SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        assertThatThrownBy(() -> ChangeValues.convert(micro, 9_223_372_036_825_200_000L, TIMESTAMP))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'infinity' is outside the timestamps an asset stores");
        assertThatThrownBy(() -> ChangeValues.convert(micro, -9_223_372_036_832_400_000L, TIMESTAMP))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'-infinity' is outside the timestamps an asset stores");
    }

    @Test
    void timestampsAndDatesOutsideYearsOneTo9999AreRefusedAsTheTableSourceRefusesThem() {
        Schema micro =
                SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        long bc = Instant.parse("-0043-03-15T00:00:00Z").getEpochSecond() * 1_000_000L;
        assertThatThrownBy(() -> ChangeValues.convert(micro, bc, TIMESTAMP))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'-0043-03-15T00:00:00Z' is outside the timestamps an asset stores");
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        int after9999 = (int) LocalDate.of(10_000, 1, 1).toEpochDay();
        assertThatThrownBy(() -> ChangeValues.convert(date, after9999, new ColumnType("date")))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'+10000-01-01' is outside the dates an asset stores");
        assertThat(ChangeValues.convert(
                        micro, Instant.parse("9999-12-31T23:59:59.999999Z").toEpochMilli() * 1000 + 999, TIMESTAMP))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    }

    @Test
    void aDateAtInfinityIsRefusedNamingInfinityNotAYear() {
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        // Debezium's epoch days for PostgreSQL's 'infinity' and '-infinity' (hunt-cdc probe).
        assertThatThrownBy(() -> ChangeValues.convert(date, -2_147_472_692, new ColumnType("date")))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'infinity' is outside the dates an asset stores");
        assertThatThrownBy(() -> ChangeValues.convert(date, -2_147_472_691, new ColumnType("date")))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'-infinity' is outside the dates an asset stores");
    }

    @Test
    void timesAreTheirPostgresTextUpTo24Hours() {
        Schema time = SchemaBuilder.int64().name("io.debezium.time.MicroTime").build();
        assertThat(ChangeValues.convert(time, 36_900_000_000L, STRING)).isEqualTo("10:15:00");
        assertThat(ChangeValues.convert(time, 0L, STRING)).isEqualTo("00:00:00");
        assertThat(ChangeValues.convert(time, 36_900_500_000L, STRING)).isEqualTo("10:15:00.5");
        assertThat(ChangeValues.convert(time, 36_900_000_001L, STRING)).isEqualTo("10:15:00.000001");
        assertThat(ChangeValues.convert(time, 86_400_000_000L, STRING)).isEqualTo("24:00:00");
    }

    @Test
    void intervalsAreTheirPostgresIso8601Text() {
        Schema interval =
                SchemaBuilder.string().name("io.debezium.time.Interval").build();
        assertThat(ChangeValues.convert(interval, "P0Y0M0DT1H0M0S", STRING)).isEqualTo("PT1H");
        assertThat(ChangeValues.convert(interval, "P1Y2M3DT4H5M6.5S", STRING)).isEqualTo("P1Y2M3DT4H5M6.5S");
        assertThat(ChangeValues.convert(interval, "P0Y0M-1DT0H0M0S", STRING)).isEqualTo("P-1D");
        assertThat(ChangeValues.convert(interval, "P0Y0M0DT0H0M0S", STRING)).isEqualTo("PT0S");
        assertThat(ChangeValues.convert(interval, "P0Y0M0DT0H-5M-6.5S", STRING)).isEqualTo("PT-5M-6.5S");
        // Debezium writes a double's seconds to nine places: the microseconds are what PostgreSQL holds.
        assertThat(ChangeValues.convert(interval, "P0Y0M0DT0H0M6.123455999S", STRING))
                .isEqualTo("PT6.123456S");
    }

    @Test
    void arraysAreThePostgresArrayTextTheTableSourceStores() {
        Schema texts = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThat(ChangeValues.convert(texts, List.of("a", "b"), STRING)).isEqualTo("{a,b}");
        assertThat(ChangeValues.convert(texts, List.of("a, b"), STRING)).isEqualTo("{\"a, b\"}");
        assertThat(ChangeValues.convert(texts, Arrays.asList((String) null), STRING))
                .isEqualTo("{NULL}");
        assertThat(ChangeValues.convert(texts, List.of("null"), STRING)).isEqualTo("{\"null\"}");
        assertThat(ChangeValues.convert(texts, List.of("say \"hi\"", "back\\slash", ""), STRING))
                .isEqualTo("{\"say \\\"hi\\\"\",\"back\\\\slash\",\"\"}");
        assertThat(ChangeValues.convert(texts, List.of(), STRING)).isEqualTo("{}");
        Schema bytes = SchemaBuilder.array(Schema.OPTIONAL_BYTES_SCHEMA).build();
        assertThat(ChangeValues.convert(bytes, List.of(ByteBuffer.wrap(new byte[] {1, (byte) 0xAB})), STRING))
                .isEqualTo("{\"\\\\x01ab\"}");
        Schema ints = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build();
        assertThat(ChangeValues.convert(ints, Arrays.asList(1, null, -3), STRING))
                .isEqualTo("{1,NULL,-3}");
        Schema bools = SchemaBuilder.array(Schema.OPTIONAL_BOOLEAN_SCHEMA).build();
        assertThat(ChangeValues.convert(bools, List.of(true, false), STRING)).isEqualTo("{t,f}");
        Schema nested = SchemaBuilder.array(
                        SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build())
                .build();
        assertThat(ChangeValues.convert(nested, List.of(List.of(1, 2), List.of(3, 4)), STRING))
                .isEqualTo("{{1,2},{3,4}}");
    }

    @Test
    void arrayElementsAreTheirPostgresText() {
        Schema dates = SchemaBuilder.array(SchemaBuilder.int32()
                        .name("io.debezium.time.Date")
                        .optional()
                        .build())
                .build();
        assertThat(ChangeValues.convert(dates, List.of(0), STRING)).isEqualTo("{1970-01-01}");
        Schema stamps = SchemaBuilder.array(SchemaBuilder.int64()
                        .name("io.debezium.time.MicroTimestamp")
                        .optional()
                        .build())
                .build();
        assertThat(ChangeValues.convert(stamps, List.of(1_772_359_200_500_000L, 9_223_372_036_825_200_000L), STRING))
                .isEqualTo("{\"2026-03-01 10:00:00.5\",infinity}");
        Schema zoned = SchemaBuilder.array(SchemaBuilder.string()
                        .name("io.debezium.time.ZonedTimestamp")
                        .optional()
                        .build())
                .build();
        assertThat(ChangeValues.convert(zoned, List.of("2026-03-01T10:00:00Z", "-infinity"), STRING))
                .isEqualTo("{\"2026-03-01 10:00:00+00\",-infinity}");
        Schema times = SchemaBuilder.array(SchemaBuilder.int64()
                        .name("io.debezium.time.MicroTime")
                        .optional()
                        .build())
                .build();
        assertThat(ChangeValues.convert(times, List.of(86_400_000_000L), STRING))
                .isEqualTo("{24:00:00}");
        Schema decimals =
                SchemaBuilder.array(Decimal.builder(2).optional().build()).build();
        assertThat(ChangeValues.convert(decimals, List.of(new BigDecimal("1.50")), STRING))
                .isEqualTo("{1.50}");
        Schema doubles = SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).build();
        assertThat(ChangeValues.convert(
                        doubles,
                        List.of(
                                1.5,
                                1e15,
                                123456789012345.0,
                                0.0001,
                                0.00001,
                                Double.NaN,
                                Double.NEGATIVE_INFINITY,
                                -0.0),
                        STRING))
                .isEqualTo("{1.5,1e+15,123456789012345,0.0001,1e-05,NaN,-Infinity,-0}");
        Schema floats = SchemaBuilder.array(Schema.OPTIONAL_FLOAT32_SCHEMA).build();
        assertThat(ChangeValues.convert(floats, List.of(1_000_000f, 123456f, 0.1f), STRING))
                .isEqualTo("{1e+06,123456,0.1}");
    }

    @Test
    void aValueOfAChangedSourceTypeIsRefusedNotWrappedRoundedOrReinterpreted() {
        // ALTER COLUMN id TYPE bigint (asset int32), v TYPE double precision (asset float32),
        // at TYPE date (asset timestamp_us), n TYPE double precision (asset int64).
        assertThatThrownBy(() -> ChangeValues.convert(Schema.INT64_SCHEMA, 2_147_483_648L, new ColumnType("int32")))
                .isInstanceOf(SourceTypeChangeException.class)
                .hasMessage("the asset's column is int32 and the change's is int64 (Debezium INT64)");
        assertThatThrownBy(() -> ChangeValues.convert(Schema.FLOAT64_SCHEMA, 1e300, new ColumnType("float32")))
                .isInstanceOf(SourceTypeChangeException.class)
                .hasMessage("the asset's column is float32 and the change's is float64 (Debezium FLOAT64)");
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        assertThatThrownBy(() -> ChangeValues.convert(date, 19_723, TIMESTAMP))
                .isInstanceOf(SourceTypeChangeException.class)
                .hasMessage(
                        "the asset's column is timestamp_us and the change's is date (Debezium io.debezium.time.Date)");
        assertThatThrownBy(() -> ChangeValues.convert(Schema.FLOAT64_SCHEMA, 1.5, new ColumnType("int64")))
                .isInstanceOf(SourceTypeChangeException.class);
        Schema micro =
                SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        assertThatThrownBy(() -> ChangeValues.convert(micro, 0L, new ColumnType("date")))
                .isInstanceOf(SourceTypeChangeException.class);
        assertThatThrownBy(() -> ChangeValues.convert(numeric(12, 2), "1.50", new ColumnType("decimal(10,2)")))
                .isInstanceOf(SourceTypeChangeException.class)
                .hasMessage("the asset's column is decimal(10,2) and the change's is decimal(12,2) (Debezium NUMERIC)");
    }

    @Test
    void valuesEveryStoredValueOfTheColumnHoldsExactlyAreAccepted() {
        // int -> bigint when the asset is int64 already, bigint -> int, a narrower numeric, anything as text.
        assertThat(ChangeValues.convert(Schema.INT32_SCHEMA, 7, new ColumnType("int64")))
                .isEqualTo(7L);
        assertThat(ChangeValues.convert(Schema.INT16_SCHEMA, (short) 7, new ColumnType("int64")))
                .isEqualTo(7L);
        assertThat(ChangeValues.convert(numeric(8, 2), "1.50", new ColumnType("decimal(10,2)")))
                .isEqualTo(new BigDecimal("1.50"));
        assertThat(ChangeValues.convert(Schema.INT64_SCHEMA, 5_000_000_000L, STRING))
                .isEqualTo("5000000000");
    }

    @Test
    void aFloat64ColumnTakesRealAndIntegerValuesAsEachIsExactAsADouble() {
        // ALTER COLUMN v TYPE real (or smallint, integer) with the asset's column float64.
        ColumnType float64 = new ColumnType("float64");
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, 0.1f, float64)).isEqualTo((double) 0.1f);
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, Float.MAX_VALUE, float64))
                .isEqualTo((double) Float.MAX_VALUE);
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, Float.MIN_VALUE, float64))
                .isEqualTo((double) Float.MIN_VALUE);
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, -0.0f, float64)).isEqualTo(-0.0);
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY, float64))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ChangeValues.convert(Schema.FLOAT32_SCHEMA, Float.intBitsToFloat(0x7fc0_0001), float64))
                .isEqualTo(Double.NaN);
        assertThat(ChangeValues.convert(Schema.INT16_SCHEMA, Short.MIN_VALUE, float64))
                .isEqualTo(-32_768.0);
        assertThat(ChangeValues.convert(Schema.INT32_SCHEMA, Integer.MAX_VALUE, float64))
                .isEqualTo(2_147_483_647.0);
    }

    @Test
    void aFloat64ColumnRefusesABigintAsNotEveryOneIsExactAsADouble() {
        // 2^53 + 1 has no double: it would be stored as 2^53.
        assertThatThrownBy(() -> ChangeValues.convert(Schema.INT64_SCHEMA, (1L << 53) + 1, new ColumnType("float64")))
                .isInstanceOf(SourceTypeChangeException.class)
                .hasMessage("the asset's column is float64 and the change's is int64 (Debezium INT64)");
        assertThatThrownBy(() -> ChangeValues.convert(Schema.INT32_SCHEMA, 7, new ColumnType("float32")))
                .isInstanceOf(SourceTypeChangeException.class);
    }

    @Test
    void aDecimalTooWideForTheColumnIsRefusedNotStored() {
        assertThatThrownBy(() -> ChangeValues.convert(
                        Decimal.schema(2), new BigDecimal("123456789.50"), new ColumnType("decimal(5,2)")))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("'123456789.50' does not fit decimal(5,2)");
    }

    @Test
    void aTimeColumnFirstSeenInAChangeIsText() {
        Schema time = SchemaBuilder.int64().name("io.debezium.time.MicroTime").build();

        ColumnType type = ChangeValues.typeOf(time);

        assertThat(type.name()).isEqualTo("string");
        assertThat(ChangeValues.convert(time, 36_000_000_000L, type)).isEqualTo("10:00:00");
    }

    @Test
    void aColumnFirstSeenInAChangeIsTypedAsTheStreamsCreationTypesItsSourceType() {
        // Debezium's schema of a PostgreSQL type, and that type as format_type writes it (SourceTables.type).
        Map<Schema, String> sent = new LinkedHashMap<>();
        sent.put(Schema.BOOLEAN_SCHEMA, "boolean");
        sent.put(Schema.INT16_SCHEMA, "smallint");
        sent.put(Schema.INT32_SCHEMA, "integer");
        sent.put(Schema.INT64_SCHEMA, "bigint");
        sent.put(Schema.FLOAT32_SCHEMA, "real");
        sent.put(Schema.FLOAT64_SCHEMA, "double precision");
        sent.put(Schema.BYTES_SCHEMA, "bytea");
        sent.put(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build(), "timestamp without time zone");
        sent.put(SchemaBuilder.int64().name("io.debezium.time.Timestamp").build(), "timestamp(3) without time zone");
        sent.put(SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build(), "timestamp with time zone");
        sent.put(SchemaBuilder.int32().name("io.debezium.time.Date").build(), "date");
        sent.put(numeric(10, 2), "numeric(10,2)");
        sent.put(numeric(25, 2), "numeric(25,2)");
        sent.put(numeric(131089, 0), "numeric");
        sent.put(SchemaBuilder.int64().name("io.debezium.time.MicroTime").build(), "time without time zone");
        sent.put(SchemaBuilder.string().name("io.debezium.time.ZonedTime").build(), "time with time zone");
        sent.put(SchemaBuilder.string().name("io.debezium.time.Interval").build(), "interval");
        sent.put(
                SchemaBuilder.bytes()
                        .name("io.debezium.data.Bits")
                        .parameter("length", "12")
                        .build(),
                "bit(12)");
        sent.put(SchemaBuilder.string().name("io.debezium.data.Uuid").build(), "uuid");
        sent.put(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build(), "integer[]");

        sent.forEach((schema, postgres) ->
                assertThat(ChangeValues.typeOf(schema)).as(postgres).isEqualTo(SourceTables.type(postgres)));
    }

    @Test
    void bitStringsAreStoredAsPostgresText() {
        // Debezium 3.6.1 (PostgresValueConverter.convertBits): the text's last character is bit 0, the bits as
        // BitSet.toByteArray (little-endian, trailing zero bytes left out).
        assertThat(ChangeValues.typeOf(DebeziumSchemas.bits("BIT", 8)).name()).isEqualTo("string");
        assertThat(ChangeValues.typeOf(DebeziumSchemas.bits("BIT", 1)).name()).isEqualTo("string");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 8), ByteBuffer.wrap(new byte[] {5}), STRING))
                .isEqualTo("00000101");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 12), new byte[] {5, 1}, STRING))
                .isEqualTo("000100000101");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 10), new byte[] {1, 2}, STRING))
                .isEqualTo("1000000001");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 8), new byte[0], STRING))
                .isEqualTo("00000000");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 1), true, STRING))
                .isEqualTo("1");
        assertThat(ChangeValues.convert(DebeziumSchemas.bits("BIT", 1), false, STRING))
                .isEqualTo("0");
    }

    @Test
    void columnsAnEarlierBuildAddedMidStreamKeepTheirTypeAndItsValues() {
        // An earlier build typed a column first seen in a change by its Connect type: bit(1) as bool, bit(n) as
        // bytes (Debezium's Bits), time as int64 microseconds. Such a column takes the same values as before.
        Schema bit1 = DebeziumSchemas.bits("BIT", 1);
        Schema bit12 = DebeziumSchemas.bits("BIT", 12);
        Schema time = SchemaBuilder.int64().name("io.debezium.time.MicroTime").build();

        assertThat(ChangeValues.convert(bit1, true, new ColumnType("bool"))).isEqualTo(true);
        assertThat((byte[]) ChangeValues.convert(bit12, ByteBuffer.wrap(new byte[] {5, 1}), new ColumnType("bytes")))
                .containsExactly(5, 1);
        assertThat(ChangeValues.convert(time, 36_000_000_000L, new ColumnType("int64")))
                .isEqualTo(36_000_000_000L);
    }

    @Test
    void anEarlierBuildsColumnTypesStillRefuseOtherSources() {
        assertThatThrownBy(() -> ChangeValues.converter(Schema.STRING_SCHEMA, new ColumnType("bool")))
                .isInstanceOf(SourceTypeChangeException.class);
        assertThatThrownBy(() -> ChangeValues.converter(
                        SchemaBuilder.int64()
                                .name("io.debezium.time.MicroTimestamp")
                                .build(),
                        new ColumnType("bytes")))
                .isInstanceOf(SourceTypeChangeException.class);
        assertThatThrownBy(() -> ChangeValues.converter(DebeziumSchemas.bits("BIT", 12), new ColumnType("bool")))
                .isInstanceOf(SourceTypeChangeException.class);
    }

    @Test
    void bitVaryingIsRecognisedAsTheTypeDebeziumSendsWithoutLeadingZeros() {
        assertThat(ChangeValues.isBitVarying(DebeziumSchemas.bits("VARBIT", 8))).isTrue();
        assertThat(ChangeValues.isBitVarying(DebeziumSchemas.bits("VARBIT", 1))).isTrue();
        assertThat(ChangeValues.isBitVarying(DebeziumSchemas.bits("BIT", 8))).isFalse();
        assertThat(ChangeValues.isBitVarying(Schema.BOOLEAN_SCHEMA)).isFalse();
    }
}
