package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.columnar.ColumnType;
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
 * UTC, hex bytea, shortest exact floats) as the Java value of its asset column.
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
     * timestamptz: the session is in UTC), read without a formatter, which cost more than the rest of
     * a row; null for any other text, which the formatters then read (or refuse).
     */
    static Instant commonShape(String text, boolean zoned) {
        int end = text.length();
        if (zoned) {
            if (!text.endsWith("+00")) {
                return null;
            }
            end -= 3;
        }
        if (end < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != ' '
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (end > 19) {
            int fraction = end - 20;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 6) {
                return null;
            }
            int value = digits(text, 20, end);
            if (value < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                value *= 10;
            }
            nanos = value;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            // February 30th and the like: the formatter refuses it with its own message.
            return null;
        }
    }

    /** The ASCII digits text[from, to) as a number, or -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
