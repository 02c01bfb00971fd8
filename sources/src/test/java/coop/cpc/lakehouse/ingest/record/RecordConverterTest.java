package coop.cpc.lakehouse.ingest.record;

import static coop.cpc.lakehouse.columnar.ColumnType.Kind.BOOL;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.BYTES;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.DATE;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.FLOAT32;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.FLOAT64;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.INT32;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.INT64;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.STRING;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.TIMESTAMP_MS;
import static coop.cpc.lakehouse.columnar.ColumnType.Kind.TIMESTAMP_US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.ColumnMapping.Derivation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordConverterTest {

    private static Column col(String name, ColumnType.Kind kind) {
        return new Column(name, ColumnType.of(kind), true);
    }

    private static Object one(Column column, String json) throws Exception {
        return new RecordConverter(Schema.of(column)).fromJson(json(json))[0];
    }

    /** The record as every source reads it (numbers keep their text). */
    private static JsonNode json(String text) throws Exception {
        try (JsonParser parser = ExactJson.mapper().createParser(text)) {
            parser.nextToken();
            return ExactJson.readRecord(parser);
        }
    }

    private static String rejection(Column column, String json) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> new RecordConverter(Schema.of(column)).fromJson(json(json)));
        assertThat(t).isInstanceOf(RecordRejectedException.class);
        return t.getMessage();
    }

    @Test
    void convertsEachScalarTypeFromJson() throws Exception {
        assertThat(one(col("v", BOOL), "{\"v\":true}")).isEqualTo(true);
        assertThat(one(col("v", INT32), "{\"v\":-7}")).isEqualTo(-7);
        assertThat(one(col("v", INT64), "{\"v\":9223372036854775807}")).isEqualTo(Long.MAX_VALUE);
        assertThat(one(col("v", FLOAT32), "{\"v\":1.5}")).isEqualTo(1.5f);
        assertThat(one(col("v", FLOAT64), "{\"v\":0.1}")).isEqualTo(0.1d);
        assertThat(one(new Column("v", ColumnType.decimal(10, 2), true), "{\"v\":12.30}"))
                .isEqualTo(new BigDecimal("12.30"));
        assertThat(one(col("v", DATE), "{\"v\":\"2024-02-29\"}")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(one(col("v", STRING), "{\"v\":\"x\\ny\"}")).isEqualTo("x\ny");
        assertThat((byte[]) one(col("v", BYTES), "{\"v\":\"AQI=\"}")).containsExactly(1, 2);
    }

    @Test
    void decimalsKeepEveryDigitSent() throws Exception {
        Column price = new Column("v", ColumnType.decimal(18, 17), true);
        assertThat(one(price, "{\"v\":0.10000000000000001}")).isEqualTo(new BigDecimal("0.10000000000000001"));
        assertThat(one(new Column("v", ColumnType.decimal(5, 2), true), "{\"v\":\"3.1\"}"))
                .isEqualTo(new BigDecimal("3.10"));
    }

    @Test
    void rejectsDecimalThatWouldBeRounded() {
        assertThat(rejection(new Column("price", ColumnType.decimal(5, 2), true), "{\"price\":1.234}"))
                .startsWith("column 'price' expects decimal(5,2), got 1.234");
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void rejectsHugeExponentsWithoutExpandingThem() throws Exception {
        Column amount = new Column("amount", ColumnType.decimal(8, 2), true);
        assertThat(rejection(amount, "{\"amount\":1e999999999}"))
                .isEqualTo("column 'amount' expects decimal(8,2), got 1e999999999 (more than 6 integer digits)");
        assertThat(rejection(amount, "{\"amount\":1e-999999999}"))
                .isEqualTo("column 'amount' expects decimal(8,2), got 1e-999999999 (more than 2 fractional digits)");
        RecordConverter c = new RecordConverter(Schema.of(amount));
        assertThatThrownBy(() -> c.fromText(c.bindHeader(List.of("amount")), List.of("-1e999999999")))
                .hasMessage("column 'amount' expects decimal(8,2), got \"-1e999999999\" (more than 6 integer digits)");
        assertThat(rejection(col("n", INT64), "{\"n\":1e999999999}")).endsWith("(out of range)");
        assertThat(one(amount, "{\"amount\":123456.7e0}")).isEqualTo(new BigDecimal("123456.70"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "n | INT64   | 9223372036854775808 | column 'n' expects int64, got 9223372036854775808 (out of range)",
                "n | INT32   | 2147483648          | column 'n' expects int32, got 2147483648 (out of range)",
                "f | FLOAT32 | 1e39                | column 'f' expects float32, got 1e39 (out of range)"
            })
    void rejectsNumbersOutOfTheColumnsRangeInsteadOfWrapping(
            String name, ColumnType.Kind kind, String number, String why) {
        assertThat(rejection(col(name, kind), "{\"" + name + "\":" + number + "}"))
                .isEqualTo(why);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "INT32        | 1e2147483647  | int32        | out of range",
                "INT64        | 1e2147483647  | int64        | out of range",
                "INT64        | 12e2147483646 | int64        | out of range",
                "INT64        | -1e2147483647 | int64        | out of range",
                "TIMESTAMP_MS | 1e2147483647  | timestamp_ms | out of range",
                "TIMESTAMP_US | 12e2147483646 | timestamp_us | out of range"
            })
    @org.junit.jupiter.api.Timeout(5)
    void rejectsExponentsWhoseDigitCountOverflowsAnInt(
            ColumnType.Kind kind, String number, String typeName, String why) {
        assertThat(rejection(col("n", kind), "{\"n\":" + number + "}"))
                .isEqualTo("column 'n' expects " + typeName + ", got " + number + " (" + why + ")");
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void rejectsDecimalsWhoseDigitCountOverflowsAnInt() {
        Column amount = new Column("amount", ColumnType.decimal(8, 2), true);
        for (String number : List.of("1e2147483647", "12e2147483646", "-1e2147483647")) {
            assertThat(rejection(amount, "{\"amount\":" + number + "}"))
                    .startsWith("column 'amount' expects decimal(8,2), got ")
                    .endsWith(" (more than 6 integer digits)");
        }
    }

    @Test
    void rejectsFractionIntoIntegerColumnButAcceptsIntegralDecimal() throws Exception {
        assertThat(rejection(col("n", INT32), "{\"n\":1.5}"))
                .isEqualTo("column 'n' expects int32, got 1.5 (has a fraction)");
        assertThat(one(col("n", INT64), "{\"n\":3.00}")).isEqualTo(3L);
        assertThat(one(col("n", INT64), "{\"n\":1e3}")).isEqualTo(1000L);
        assertThat(rejection(col("n", INT64), "{\"n\":1e400}")).endsWith("(out of range)");
    }

    @Test
    void timestampsAreIsoStringsOrEpochMillis() throws Exception {
        Instant t = Instant.parse("2024-03-01T10:15:30.123Z");
        assertThat(one(col("t", TIMESTAMP_MS), "{\"t\":\"2024-03-01T10:15:30.123Z\"}"))
                .isEqualTo(t);
        assertThat(one(col("t", TIMESTAMP_MS), "{\"t\":\"2024-03-01T11:15:30.123+01:00\"}"))
                .isEqualTo(t);
        assertThat(one(col("t", TIMESTAMP_MS), "{\"t\":" + t.toEpochMilli() + "}"))
                .isEqualTo(t);
        assertThat(one(col("t", TIMESTAMP_US), "{\"t\":\"" + t.toEpochMilli() + "\"}"))
                .isEqualTo(t);
        assertThat(rejection(col("t", TIMESTAMP_MS), "{\"t\":\"2024-03-01T10:15:30.123456Z\"}"))
                .startsWith("column 't' expects timestamp_ms, got \"2024-03-01T10:15:30.123456Z\"");
        assertThat(rejection(col("t", TIMESTAMP_MS), "{\"t\":\"yesterday\"}"))
                .isEqualTo("column 't' expects timestamp_ms, got \"yesterday\"");
    }

    @Test
    void epochMicrosecondsNumberIsRejectedNotYear55840() {
        assertThat(rejection(col("t", TIMESTAMP_US), "{\"t\":1700000000000000}"))
                .isEqualTo("column 't' expects timestamp_us, got 1700000000000000 (1700000000000000 ms since the epoch"
                        + " is year 55840, outside the years 1 to 9999 an asset stores: microseconds?)");
        assertThat(rejection(col("t", TIMESTAMP_MS), "{\"t\":\"1700000000000000000\"}"))
                .endsWith("outside the years 1 to 9999 an asset stores: nanoseconds?)");
        assertThat(rejection(col("t", TIMESTAMP_MS), "{\"t\":-62135596800001}"))
                .isEqualTo("column 't' expects timestamp_ms, got -62135596800001 (-62135596800001 ms since the epoch"
                        + " is year 0, outside the years 1 to 9999 an asset stores)");
    }

    @Test
    void isoTimestampsAndDatesOutsideYears1To9999AreRejectedNamingTheRange() {
        assertThat(rejection(col("t", TIMESTAMP_US), "{\"t\":\"+10000-01-01T00:00:00Z\"}"))
                .isEqualTo("column 't' expects timestamp_us, got \"+10000-01-01T00:00:00Z\" (+10000-01-01T00:00:00Z is"
                        + " outside the years 1 to 9999 an asset stores (0001-01-01T00:00:00Z to"
                        + " 9999-12-31T23:59:59.999999Z))");
        assertThat(rejection(col("t", TIMESTAMP_US), "{\"t\":\"0000-06-01T00:00:00Z\"}"))
                .contains("outside the years 1 to 9999");
        assertThat(rejection(col("d", DATE), "{\"d\":\"0000-01-01\"}"))
                .isEqualTo("column 'd' expects date, got \"0000-01-01\" (0000-01-01 is outside the years 1 to 9999 an"
                        + " asset stores (0001-01-01 to 9999-12-31))");
        assertThat(rejection(col("d", DATE), "{\"d\":\"+20000-01-01\"}")).contains("outside the years 1 to 9999");
    }

    @Test
    void csvTimestampsInTheCommonShapeReadAsInstantParseReadsThem() throws Exception {
        java.util.Random random = new java.util.Random(16);
        for (ColumnType.Kind kind : List.of(TIMESTAMP_MS, TIMESTAMP_US)) {
            RecordConverter converter = new RecordConverter(Schema.of(col("t", kind)));
            CsvHeaderLayout layout = converter.bindHeader(List.of("t"));
            int allowed = kind == TIMESTAMP_MS ? 3 : 6;
            for (int i = 0; i < 5_000; i++) {
                Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
                int digits = random.nextInt(10);
                String fraction = digits == 0
                        ? ""
                        : "."
                                + String.format("%0" + digits + "d", random.nextInt((int)
                                        Math.min(Integer.MAX_VALUE, Math.pow(10, digits))));
                String text = at.toString().replace("Z", fraction + "Z");
                Instant expected = Instant.parse(text);
                if (expected.getNano() % (kind == TIMESTAMP_MS ? 1_000_000 : 1_000) == 0 || digits <= allowed) {
                    assertThat(converter.fromText(layout, List.of(text)))
                            .as(text)
                            .containsExactly(expected);
                } else {
                    assertThatThrownBy(() -> converter.fromText(layout, List.of(text)))
                            .as(text)
                            .isInstanceOf(RecordRejectedException.class)
                            .hasMessageStartingWith("column 't' expects " + ColumnType.of(kind) + ", got \"" + text);
                }
            }
        }
    }

    @Test
    void epochMillisTextIsAnOptionalMinusAndOneToNineteenDigits() {
        assertThat(RecordConverter.isEpochMillis("0")).isTrue();
        assertThat(RecordConverter.isEpochMillis("-1709288130123")).isTrue();
        assertThat(RecordConverter.isEpochMillis("9".repeat(19))).isTrue();
        assertThat(RecordConverter.isEpochMillis("9".repeat(20))).isFalse();
        assertThat(RecordConverter.isEpochMillis("-")).isFalse();
        assertThat(RecordConverter.isEpochMillis("")).isFalse();
        assertThat(RecordConverter.isEpochMillis("+5")).isFalse();
        assertThat(RecordConverter.isEpochMillis("12a")).isFalse();
        assertThat(RecordConverter.isEpochMillis("2024-03-01")).isFalse();
    }

    @Test
    void flattensNestedObjectsWithUnderscore() throws Exception {
        RecordConverter c =
                new RecordConverter(Schema.of(col("id", INT64), col("vitals_hr", INT32), col("vitals_bp_sys", INT32)));
        Object[] row = c.fromJson(json("{\"id\":1,\"vitals\":{\"hr\":71,\"bp\":{\"sys\":120}},\"note\":\"x\"}"));
        assertThat(row).containsExactly(1L, 71, 120);
        MappingReport report = c.mappingReport();
        assertThat(report.mappings())
                .containsExactly(
                        new ColumnMapping("id", "/id", Derivation.IDENTITY),
                        new ColumnMapping("vitals_hr", "/vitals/hr", Derivation.DERIVED),
                        new ColumnMapping("vitals_bp_sys", "/vitals/bp/sys", Derivation.DERIVED));
        assertThat(report.unmappedFields()).containsExactly("/note");
    }

    @Test
    void arraysBecomeJsonTextOnlyInStringColumns() throws Exception {
        assertThat(one(col("tags", STRING), "{\"tags\":[\"a\",1]}")).isEqualTo("[\"a\",1]");
        assertThat(one(col("addr", STRING), "{\"addr\":{\"city\":\"Lyon\"}}")).isEqualTo("{\"city\":\"Lyon\"}");
        assertThat(rejection(col("tags", INT32), "{\"tags\":[1,2]}"))
                .isEqualTo("column 'tags' expects int32, got [1,2]");
    }

    @Test
    void aNumberIntoAStringColumnKeepsItsJsonText() throws Exception {
        for (String number :
                List.of("1e3", "0.0000001", "1.0e2", "1.50", "-0.0", "-0", "12345678901234567890123", "7")) {
            assertThat(one(col("s", STRING), "{\"s\":" + number + "}"))
                    .as(number)
                    .isEqualTo(number);
        }
        assertThat(one(col("s", STRING), "{\"s\":[1e3,{\"a\":0.0000001,\"b\":-0.0}]}"))
                .isEqualTo("[1e3,{\"a\":0.0000001,\"b\":-0.0}]");
    }

    @Test
    void aJsonFloatThatUnderflowsIsRefusedLikeCsvText() throws Exception {
        assertThat(rejection(col("f", FLOAT64), "{\"f\":1e-400}"))
                .isEqualTo("column 'f' expects float64, got 1e-400 (too small for float64: it would become 0)");
        assertThat(rejection(col("g", FLOAT32), "{\"g\":1e-50}"))
                .isEqualTo("column 'g' expects float32, got 1e-50 (too small for float32: it would become 0)");
        assertThat(one(col("f", FLOAT64), "{\"f\":0e-400}")).isEqualTo(0.0);
        assertThat(one(col("f", FLOAT64), "{\"f\":4.9e-324}")).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void aTextValueRefusedForAReasonNamesTheValueAndTheReasonAsTheJsonPathDoes() throws Exception {
        String tooSmall = "(too small for float64: it would become 0)";
        assertThat(csvRejection(col("f", FLOAT64), "1e-400"))
                .isEqualTo("column 'f' expects float64, got \"1e-400\" " + tooSmall);
        assertThat(rejection(col("f", FLOAT64), "{\"f\":\"1e-400\"}"))
                .isEqualTo("column 'f' expects float64, got \"1e-400\" " + tooSmall);
        assertThat(rejection(col("f", FLOAT64), "{\"f\":1e-400}"))
                .isEqualTo("column 'f' expects float64, got 1e-400 " + tooSmall);

        String leap = "column 'at' expects timestamp_us, got \"2016-12-31T23:59:60Z\" (second 60 is a leap second,"
                + " which a timestamp does not hold; PostgreSQL reads it as 00:00:00 of the next day)";
        assertThat(csvRejection(col("at", TIMESTAMP_US), "2016-12-31T23:59:60Z"))
                .isEqualTo(leap);
        assertThat(rejection(col("at", TIMESTAMP_US), "{\"at\":\"2016-12-31T23:59:60Z\"}"))
                .isEqualTo(leap);

        assertThat(csvRejection(col("s", STRING), "a\uD800b"))
                .isEqualTo(rejection(col("s", STRING), "{\"s\":\"a\\uD800b\"}"))
                .isEqualTo("column 's' expects string, got \"a\uD800b\" (string holds a lone surrogate (U+D800) at"
                        + " character 1: not well-formed Unicode)");
    }

    @Test
    void aTextValueRefusedWithoutAReasonNamesTheValueAlone() {
        assertThat(csvRejection(col("n", INT32), "seven")).isEqualTo("column 'n' expects int32, got \"seven\"");
        assertThat(csvRejection(col("at", TIMESTAMP_US), "yesterday"))
                .isEqualTo("column 'at' expects timestamp_us, got \"yesterday\"");
    }

    private static String csvRejection(Column column, String text) {
        RecordConverter csv = new RecordConverter(Schema.of(column));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> csv.fromText(csv.bindHeader(List.of(column.name())), List.of(text)));
        assertThat(t).isInstanceOf(RecordRejectedException.class);
        return t.getMessage();
    }

    @Test
    void aJsonNegativeZeroKeepsItsSignInAFloatColumn() throws Exception {
        assertThat(one(col("f", FLOAT64), "{\"f\":-0.0}")).isEqualTo(-0.0);
        assertThat(one(col("f", FLOAT64), "{\"f\":-0}")).isEqualTo(-0.0);
        assertThat(one(col("f", FLOAT64), "{\"f\":0.0}")).isEqualTo(0.0);
        assertThat(one(col("g", FLOAT32), "{\"g\":-0e5}")).isEqualTo(-0.0f);
        assertThat(one(col("n", INT32), "{\"n\":-0}")).isEqualTo(0);
    }

    @Test
    void missingNullableColumnIsNullAndMissingRequiredColumnIsRejected() throws Exception {
        Schema schema = Schema.of(new Column("id", ColumnType.of(INT64), false), col("name", STRING));
        assertThat(new RecordConverter(schema).fromJson(json("{\"id\":5}"))).containsExactly(5L, null);
        assertThatThrownBy(() -> new RecordConverter(schema).fromJson(json("{\"name\":\"a\"}")))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("column 'id' (int64, not nullable) is missing");
        assertThatThrownBy(() -> new RecordConverter(schema).fromJson(json("{\"id\":null}")))
                .hasMessage("column 'id' (int64) is not nullable, got null");
    }

    @Test
    void abbreviatesLongOffendingValues() {
        String reason = rejection(col("n", INT32), "{\"n\":\"" + "9".repeat(500) + "x\"}");
        assertThat(reason).isEqualTo("column 'n' expects int32, got \"" + "9".repeat(57) + "...\"");
    }

    @Test
    void rejectsTwoFieldsFeedingOneColumn() {
        assertThat(rejection(col("a_b", INT32), "{\"a_b\":1,\"a\":{\"b\":2}}"))
                .isEqualTo("fields /a_b and /a/b both map to column 'a_b'");
    }

    @Test
    void rejectsNonObjectRecord() {
        assertThatThrownBy(() -> new RecordConverter(Schema.of(col("a", INT32))).fromJson(json("[1]")))
                .hasMessage("record is not a JSON object: [1]");
    }

    @Test
    void rejectsWrongJsonTypeNamingColumnTypeAndValue() {
        assertThat(rejection(col("ok", BOOL), "{\"ok\":1}")).isEqualTo("column 'ok' expects bool, got 1");
        assertThat(rejection(col("d", DATE), "{\"d\":20240101}")).isEqualTo("column 'd' expects date, got 20240101");
    }

    @Test
    void convertsCsvFieldsByHeaderName() throws Exception {
        RecordConverter c = new RecordConverter(Schema.of(
                new Column("id", ColumnType.of(INT64), false), col("score", FLOAT64), col("seen", TIMESTAMP_MS)));
        CsvHeaderLayout layout = c.bindHeader(List.of("seen", "extra", "id"));
        assertThat(c.fromText(layout, Arrays.asList("2024-01-01T00:00:00Z", "zz", "42")))
                .containsExactly(42L, null, Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(c.fromText(layout, Arrays.asList(null, "zz", "1"))).containsExactly(1L, null, null);
        assertThatThrownBy(() -> c.fromText(layout, Arrays.asList("x", "zz", "1")))
                .hasMessage("column 'seen' expects timestamp_ms, got \"x\"");
        assertThatThrownBy(() -> c.fromText(layout, List.of("1", "2")))
                .hasMessage("record has 2 fields, the header has 3");
        assertThat(c.mappingReport().unmappedFields()).containsExactly("extra");
        assertThat(c.mappingReport().mappings())
                .extracting(ColumnMapping::column)
                .containsExactly("id", "seen");
    }

    @Test
    void refusesHeaderWithoutRequiredColumn() {
        RecordConverter c = new RecordConverter(Schema.of(new Column("id", ColumnType.of(INT64), false)));
        assertThatThrownBy(() -> c.bindHeader(List.of("name")))
                .isInstanceOf(HeaderMismatchException.class)
                .hasMessage("header lacks required column(s) [id]; header is [name]");
    }
}
