package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.ingest.record.TimestampText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;

/**
 * PostgreSQL's text output of a value (under the session settings the source sets: ISO dates,
 * UTC, hex bytea, shortest exact floats) as the Java value of its asset column: how the reader
 * converted the CSV COPY before it read the binary COPY, kept as the oracle that {@link
 * PostgresBinary} must agree with ({@code PostgresBinaryTest}).
 */
final class PostgresText {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter ZONED =
            new DateTimeFormatterBuilder().append(LOCAL).appendPattern("X").toFormatter();

    private PostgresText() {}

    /** @throws IllegalArgumentException with a short reason when the text has no value of the type */
    static Object parse(SourceColumn column, String text) {
        ColumnType type = column.assetType();
        try {
            return switch (type.kind()) {
                case BOOL ->
                    switch (text) {
                        case "t" -> Boolean.TRUE;
                        case "f" -> Boolean.FALSE;
                        default -> throw new IllegalArgumentException("not a boolean: '" + text + "'");
                    };
                case INT32 -> Integer.valueOf(text);
                case INT64 -> Long.valueOf(text);
                case FLOAT32 -> Float.valueOf(text);
                case FLOAT64 -> Double.valueOf(text);
                case DECIMAL -> new BigDecimal(text).setScale(type.scale());
                case TIMESTAMP_US -> timestamp(column, text);
                case DATE -> LocalDate.parse(text);
                case BYTES -> bytea(text);
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a " + type);
        }
    }

    /** timestamptz comes in UTC; a timestamp without time zone is taken as UTC. */
    private static Instant timestamp(SourceColumn column, String text) {
        if (text.equals("infinity") || text.equals("-infinity") || text.endsWith(" BC")) {
            throw new IllegalArgumentException("'" + text + "' is outside the timestamps an asset stores");
        }
        boolean zoned = column.udtName().equals("timestamptz");
        Instant common = commonShape(text, zoned);
        if (common != null) {
            return common;
        }
        return zoned
                ? OffsetDateTime.parse(text, ZONED).toInstant()
                : LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
    }

    /**
     * The shape nearly every value has, {@code yyyy-MM-dd HH:mm:ss[.f{1,6}]} (then {@code +00} for a
     * timestamptz: the session is in UTC), read without a formatter; null for any other text, which
     * the formatters then read (or refuse).
     */
    static Instant commonShape(String text, boolean zoned) {
        return TimestampText.utc(text, ' ', zoned ? "+00" : "", 6);
    }

    private static byte[] bytea(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("bytea not in hex output: '" + abbreviate(text) + "'");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
