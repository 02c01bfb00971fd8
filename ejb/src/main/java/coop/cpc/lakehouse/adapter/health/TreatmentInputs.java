package coop.cpc.lakehouse.adapter.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The column types each generalizing rule reads, and how it reads them: an asset ingested from CSV or JSON
 * easily holds an age as a float or text, a birth date as a timestamp, a ZIP as a number. A type a rule cannot
 * read is refused when the extract is planned, naming the column and its type, rather than publishing nulls.
 */
final class TreatmentInputs {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private TreatmentInputs() {}

    /** @throws IllegalArgumentException naming the column and its type when the rule cannot read that type */
    static void requireReadable(Treatment treatment, String input, String type) {
        boolean readable = switch (treatment) {
            case AGE -> isTime(type) || isNumber(type) || type.equals("string");
            case YEAR -> isTime(type) || type.equals("string");
            case ZIP3 -> type.equals("string") || type.equals("int32") || type.equals("int64");
            default -> true;
        };
        if (!readable) {
            throw new IllegalArgumentException(input + " is " + type + ", which the " + treatment + " rule does not"
                    + " read (" + expected(treatment) + ")");
        }
    }

    private static String expected(Treatment treatment) {
        return switch (treatment) {
            case AGE -> "a date, a timestamp, a number of years, or text holding a yyyy-mm-dd date or whole years";
            case YEAR -> "a date, a timestamp, or text holding a yyyy-mm-dd date";
            default -> "text or an integer";
        };
    }

    private static boolean isTime(String type) {
        return type.equals("date") || type.equals("timestamp_ms") || type.equals("timestamp_us");
    }

    private static boolean isNumber(String type) {
        return type.equals("int32")
                || type.equals("int64")
                || type.equals("float32")
                || type.equals("float64")
                || type.startsWith("decimal");
    }

    /** The UTC date of a date, a timestamp or a {@code yyyy-mm-dd} text; null for other text. */
    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof String s && ISO_DATE.matcher(s.strip()).matches()) {
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                return null; // 2024-02-30: not a date
            }
        }
        return null;
    }

    /** Whole years of a number or of text of 1 to 3 digits; null for NaN, infinities, negatives and other text. */
    static Long years(Object value) {
        if (value instanceof String s) {
            return DIGITS.matcher(s.strip()).matches() ? Long.valueOf(s.strip()) : null;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b.signum() < 0 ? null : b.min(BigDecimal.valueOf(1000)).longValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue() < 0 ? null : n.longValue();
        }
        return null;
    }

    /**
     * ZIP text: an integer ZIP padded to 5 digits (9 for a ZIP+4 above 99999), since a number drops leading zeros. A
     * number that would be a ZIP+4 of a ZIP below 00501, the lowest ZIP in use (100000 to 5009999: six or seven
     * digits, more likely a mistyped ZIP than a ZIP+4), is no ZIP: its ZIP3 would read {@code 000}, the suppressed
     * areas' code.
     */
    private static final long LOWEST_ZIP_PLUS_FOUR = 5_010_000L;

    static String zip(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n < 0 || n > 999_999_999L || (n > 99_999 && n < LOWEST_ZIP_PLUS_FOUR)) {
                return null;
            }
            return n <= 99_999 ? String.format("%05d", n) : String.format("%09d", n);
        }
        return value.toString();
    }
}
