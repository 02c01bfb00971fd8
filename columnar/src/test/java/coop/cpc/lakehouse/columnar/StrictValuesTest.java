package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Text that a column could only hold changed is refused, never silently rounded, wrapped or replaced. */
class StrictValuesTest {
    private static final ColumnType FLOAT64 = ColumnType.of(ColumnType.Kind.FLOAT64);
    private static final ColumnType FLOAT32 = ColumnType.of(ColumnType.Kind.FLOAT32);
    private static final ColumnType INT32 = ColumnType.of(ColumnType.Kind.INT32);
    private static final ColumnType STRING = ColumnType.of(ColumnType.Kind.STRING);

    @Test
    void refusesAFloatThatOverflowsToInfinity() {
        assertThatThrownBy(() -> Values.parse(FLOAT64, "1e400"))
                .hasMessage("not a float64: '1e400' (out of the range of float64)");
        assertThatThrownBy(() -> Values.parse(FLOAT32, "1e39"))
                .hasMessage("not a float32: '1e39' (out of the range of float32)");
    }

    @Test
    void refusesAFloatThatUnderflowsToZero() {
        assertThatThrownBy(() -> Values.parse(FLOAT64, "1e-400"))
                .hasMessage("not a float64: '1e-400' (too small for float64: it would become 0)");
        assertThat(Values.parse(FLOAT64, "0.000e-400")).isEqualTo(0.0);
    }

    @Test
    void refusesHexFloatsSuffixesAndSpaces() {
        assertThatThrownBy(() -> Values.parse(FLOAT64, "0x1p3")).hasMessage("not a float64: '0x1p3'");
        assertThatThrownBy(() -> Values.parse(FLOAT64, "1d")).hasMessage("not a float64: '1d'");
        assertThatThrownBy(() -> Values.parse(FLOAT32, "2.5f")).hasMessage("not a float32: '2.5f'");
        assertThatThrownBy(() -> Values.parse(FLOAT64, " 1.5")).hasMessage("not a float64: ' 1.5'");
    }

    @Test
    void acceptsDecimalNotationAndTheWordsFormatWrites() {
        assertThat(Values.parse(FLOAT64, "-1.5e3")).isEqualTo(-1500.0);
        assertThat(Values.parse(FLOAT64, ".5")).isEqualTo(0.5);
        assertThat(Values.parse(FLOAT64, "1.7976931348623157E308")).isEqualTo(Double.MAX_VALUE);
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(Values.parse(FLOAT64, Values.format(FLOAT64, special))).isEqualTo(special);
        }
    }

    @Test
    void refusesIntegersInOtherDigitsThanAscii() {
        assertThatThrownBy(() -> Values.parse(INT32, "\u0661\u0662")).hasMessage("not a int32: '\u0661\u0662'");
        assertThat(Values.parse(INT32, "-12")).isEqualTo(-12);
    }

    @Test
    void refusesALoneSurrogateInAString() {
        assertThatThrownBy(() -> Values.parse(STRING, "a\uD800b"))
                .hasMessage("string holds a lone surrogate (U+D800) at character 1: not well-formed Unicode");
        assertThatThrownBy(() -> Values.parse(STRING, "\uDC00"))
                .hasMessage("string holds a lone surrogate (U+DC00) at character 0: not well-formed Unicode");
        assertThat(Values.parse(STRING, "\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void normalizeRefusesALoneSurrogateSoNoWriterStoresIt() {
        Column note = new Column("note", STRING, true);
        assertThatThrownBy(() -> Values.normalize(note, "x\uD800"))
                .isInstanceOf(SchemaException.class)
                .hasMessage(
                        "column 'note' (string): string holds a lone surrogate (U+D800) at character 1: not well-formed Unicode");
    }

    @Test
    void refusesAHugeDecimalExponentWithoutExpandingIt() {
        ColumnType money = ColumnType.decimal(8, 2);
        assertThatThrownBy(() -> Values.parse(money, "1e999999999"))
                .hasMessage("not a decimal(8,2): '1e999999999' (more than 6 integer digits)");
        assertThatThrownBy(() -> Values.parse(money, "1.005"))
                .hasMessage("not a decimal(8,2): '1.005' (more than 2 fractional digits)");
        assertThat(Values.parse(money, "12.5")).isEqualTo(new BigDecimal("12.50"));
        assertThatThrownBy(() -> Values.parse(money, "0x10")).hasMessage("not a decimal(8,2): '0x10'");
    }

    @Test
    void refusesALeapSecondInsteadOfStoringItASecondEarly() {
        ColumnType micros = ColumnType.of(ColumnType.Kind.TIMESTAMP_US);
        assertThatThrownBy(() -> Values.parse(micros, "2016-12-31T23:59:60Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a timestamp_us: '2016-12-31T23:59:60Z' (second 60 is a leap second, which a timestamp"
                        + " does not hold; PostgreSQL reads it as 00:00:00 of the next day)");
        assertThatThrownBy(
                        () -> Values.parse(ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), "2024-06-30T23:59:60.5+02:00"))
                .hasMessageStartingWith(
                        "not a timestamp_ms: '2024-06-30T23:59:60.5+02:00' (second 60 is a leap second");
        assertThat(Values.parse(micros, "2016-12-31T23:59:59.999999Z"))
                .isEqualTo(Instant.parse("2016-12-31T23:59:59.999999Z"));
        assertThat(Values.parse(micros, "2024-06-30T23:59:59+02:00")).isEqualTo(Instant.parse("2024-06-30T21:59:59Z"));
    }

    @Test
    void timestampsAndDatesOutsideYears1To9999AreRefused() {
        ColumnType micros = ColumnType.of(ColumnType.Kind.TIMESTAMP_US);
        ColumnType date = ColumnType.of(ColumnType.Kind.DATE);
        assertThatThrownBy(() -> Values.parse(micros, "+10000-01-01T00:00:00Z"))
                .isInstanceOf(OutsideStoredYearsException.class)
                .hasMessage("+10000-01-01T00:00:00Z is outside the years 1 to 9999 an asset stores"
                        + " (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z)");
        assertThatThrownBy(() -> Values.parse(micros, "0000-06-01T00:00:00Z"))
                .isInstanceOf(OutsideStoredYearsException.class);
        assertThatThrownBy(() -> Values.parse(ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), "0001-01-01T00:30:00+01:00"))
                .isInstanceOf(OutsideStoredYearsException.class);
        assertThatThrownBy(() -> Values.parse(date, "0000-01-01"))
                .isInstanceOf(OutsideStoredYearsException.class)
                .hasMessage("0000-01-01 is outside the years 1 to 9999 an asset stores (0001-01-01 to 9999-12-31)");
        assertThatThrownBy(() -> Values.parse(date, "+20000-01-01")).isInstanceOf(OutsideStoredYearsException.class);
        assertThat(Values.parse(micros, "0001-01-01T00:00:00Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Values.parse(micros, "9999-12-31T23:59:59.999999Z"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(Values.parse(date, "9999-12-31")).isEqualTo(java.time.LocalDate.of(9999, 12, 31));
    }

    @Test
    void typedTimestampsAndDatesOutsideYears1To9999AreRefusedNamingTheColumn() {
        Column t = new Column("t", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), false);
        assertThatThrownBy(() -> Values.normalize(t, Instant.ofEpochMilli(1_700_000_000_000_000L)))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 't' (timestamp_us): +55840-11-08T22:13:20Z is outside the years 1 to 9999 an"
                        + " asset stores (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z)");
        Column d = new Column("d", ColumnType.of(ColumnType.Kind.DATE), false);
        assertThatThrownBy(() -> Values.normalize(d, java.time.LocalDate.of(0, 12, 31)))
                .hasMessage("column 'd' (date): 0000-12-31 is outside the years 1 to 9999 an asset stores"
                        + " (0001-01-01 to 9999-12-31)");
        assertThat(Values.normalize(d, java.time.LocalDate.of(1, 1, 1))).isEqualTo(java.time.LocalDate.of(1, 1, 1));
    }

    /** A compaction rewrites what an earlier build stored: the years check is the write paths', not the writer's. */
    @Test
    void aSegmentWriterRewritesATimestampAnEarlierBuildStoredOutsideYears1To9999() throws Exception {
        Column t = new Column("t", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), false);
        Column d = new Column("d", ColumnType.of(ColumnType.Kind.DATE), true);
        Instant year55840 = Instant.ofEpochMilli(1_700_000_000_000_000L);
        java.time.LocalDate year0 = java.time.LocalDate.of(0, 12, 31);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(new Schema(java.util.List.of(t, d)))
                .build()) {
            w.add(new Object[] {year55840, year0});
        }

        assertThat(WebmColumnar.read(out.toByteArray()).rows().get(0)).containsExactly(year55840, year0);
        assertThat(Values.normalizeStored(t, year55840)).isEqualTo(year55840);
        assertThatThrownBy(() -> Values.normalizeStored(t, Instant.parse("2024-01-01T00:00:00.0000001Z")))
                .as("every other check stays")
                .hasMessageContaining("finer than the column's unit");
        assertThatThrownBy(() -> Values.normalize(t, year55840)).isInstanceOf(OutsideStoredYearsException.class);
    }

    @Test
    void refusesNullText() {
        assertThatThrownBy(() -> Values.parse(INT32, null)).hasMessage("null is not a int32 text");
    }
}
