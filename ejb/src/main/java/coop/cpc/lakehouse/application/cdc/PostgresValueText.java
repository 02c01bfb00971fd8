package coop.cpc.lakehouse.application.cdc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A Debezium value of a column the asset stores as text, written as the PostgreSQL table source stores the same
 * column: PostgreSQL's own text of the value under that source's session settings ({@code DateStyle ISO},
 * {@code TimeZone UTC}, {@code bytea_output hex}, {@code extra_float_digits 1}, {@code IntervalStyle iso_8601}).
 * Arrays are PostgreSQL's array text, each element written the same way.
 */
final class PostgresValueText {
    /** Debezium's {@code interval.handling.mode=string}: every field, seconds to nine places. */
    private static final Pattern DEBEZIUM_INTERVAL =
            Pattern.compile("P(-?\\d+)Y(-?\\d+)M(-?\\d+)DT(-?\\d+)H(-?\\d+)M(-?[0-9.]+)S");

    private PostgresValueText() {}

    /** The text of a non-null value of {@code schema} (Debezium's logical name, or none). */
    static String of(Schema schema, Object value) {
        String name = schema == null || schema.name() == null ? "" : schema.name();
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            array(schema == null || schema.type() != Schema.Type.ARRAY ? null : schema.valueSchema(), list, out);
            return out.toString();
        }
        return switch (name) {
            case "io.debezium.time.MicroTime" -> time(((Number) value).longValue());
            case "io.debezium.time.Interval" -> interval((String) value);
            case "io.debezium.time.Date" -> date(((Number) value).longValue());
            case "io.debezium.time.MicroTimestamp", "io.debezium.time.Timestamp", "io.debezium.time.NanoTimestamp" ->
                timestamp(name, value, "");
            case "io.debezium.time.ZonedTimestamp" -> timestamp(name, value, "+00");
            case "io.debezium.data.VariableScaleDecimal" ->
                ChangeValues.decimal(value, schema).toPlainString();
            default -> plain(value);
        };
    }

    private static String plain(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            return "\\x" + HexFormat.of().formatHex(ChangeValues.bytesOf(value));
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof Double d) {
            return floating(d, 15);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) && f != 0 ? floating(ShortestDigits.of(f), 6) : zeroOrSpecial(f);
        }
        if (value instanceof Struct s) {
            return s.toString();
        }
        return value.toString();
    }

    /** PostgreSQL's array text: elements quoted when they hold a delimiter, a quote, a backslash, space or NULL. */
    private static void array(Schema element, List<?> list, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = list.get(i);
            if (value == null) {
                out.append("NULL");
            } else if (value instanceof List<?> inner) {
                array(
                        element != null && element.type() == Schema.Type.ARRAY ? element.valueSchema() : element,
                        inner,
                        out);
            } else {
                element(of(element, value), out);
            }
        }
        out.append('}');
    }

    private static void element(String text, StringBuilder out) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '{'
                    || c == '}'
                    || c == ','
                    || c == '"'
                    || c == '\\'
                    || c == ' '
                    || c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || c == '\u000B'
                    || c == '\f';
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** {@code time}'s text: HH:mm:ss, then the fraction without trailing zeros; 24:00:00 is a time too. */
    static String time(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        String text = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3_600, seconds / 60 % 60, seconds % 60);
        return text + fraction(Math.floorMod(micros, 1_000_000L));
    }

    private static String fraction(long micros) {
        return micros == 0
                ? ""
                : "." + String.format(Locale.ROOT, "%06d", micros).replaceFirst("0+$", "");
    }

    /** A date's text as PostgreSQL writes it: infinity, four-digit years and more, years before 1 as BC. */
    private static String date(long epochDay) {
        String infinity = ChangeValues.dateInfinity(epochDay);
        if (infinity != null) {
            return infinity;
        }
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return ymd(d.getYear(), d.getMonthValue(), d.getDayOfMonth()) + era(d.getYear());
    }

    /** The date part with PostgreSQL's year: no sign, 1 - year before year 1 (proleptic year 0 is 1 BC). */
    private static String ymd(int year, int month, int day) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year > 0 ? year : 1 - year, month, day);
    }

    private static String era(int year) {
        return year > 0 ? "" : " BC";
    }

    /** A timestamp's text; inside an array an infinite one is text too, as the table source stores it. */
    private static String timestamp(String name, Object value, String zone) {
        String infinity = ChangeValues.infinity(name, value);
        if (infinity != null) {
            return infinity;
        }
        LocalDateTime t =
                ChangeValues.instant(name, value).atOffset(ZoneOffset.UTC).toLocalDateTime();
        return ymd(t.getYear(), t.getMonthValue(), t.getDayOfMonth())
                + String.format(Locale.ROOT, " %02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                + fraction(t.getNano() / 1_000)
                + zone
                + era(t.getYear());
    }

    /**
     * PostgreSQL's {@code iso_8601} interval text from Debezium's: only the fields that are not zero
     * ({@code PT0S} for none), seconds to the microsecond PostgreSQL holds.
     */
    static String interval(String debezium) {
        Matcher m = DEBEZIUM_INTERVAL.matcher(debezium);
        if (!m.matches()) {
            return debezium;
        }
        BigDecimal seconds = new BigDecimal(m.group(6)).setScale(6, RoundingMode.HALF_UP);
        StringBuilder out = new StringBuilder("P");
        part(out, m.group(1), 'Y');
        part(out, m.group(2), 'M');
        part(out, m.group(3), 'D');
        boolean time = !isZero(m.group(4)) || !isZero(m.group(5)) || seconds.signum() != 0;
        if (time) {
            out.append('T');
            part(out, m.group(4), 'H');
            part(out, m.group(5), 'M');
            if (seconds.signum() != 0) {
                out.append(seconds.stripTrailingZeros().toPlainString()).append('S');
            }
        }
        return out.length() == 1 ? "PT0S" : out.toString();
    }

    private static void part(StringBuilder out, String number, char unit) {
        if (!isZero(number)) {
            out.append(Long.parseLong(number)).append(unit);
        }
    }

    private static boolean isZero(String number) {
        return Long.parseLong(number) == 0;
    }

    private static String floating(double d, int digits) {
        return Double.isFinite(d) && d != 0 ? floating(ShortestDigits.of(d), digits) : zeroOrSpecial(d);
    }

    private static String zeroOrSpecial(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    /**
     * The shortest digits that read back as the value, laid out as C's {@code %g} with {@code digits} of
     * precision (PostgreSQL's float output when {@code extra_float_digits} is above 0).
     */
    private static String floating(BigDecimal shortest, int digits) {
        BigDecimal d = shortest.stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            BigDecimal mantissa = d.movePointLeft(exponent);
            return mantissa.toPlainString()
                    + (exponent < 0 ? "e-" : "e+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }
}
