package coop.cpc.lakehouse.columnar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The Java value of each logical type (section 4 of the format spec), its integer form, its
 * order and its CSV text.
 */
public final class Values {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** Plain decimal notation, ASCII digits only: no hex floats, no 'd'/'f' suffixes, no spaces. */
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** Years 1 to 9999: what the PostgreSQL table source, CDC and the catalog store, and what ISO text shows plainly. */
    private static final Instant FIRST_AD = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant AFTER_9999 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final LocalDate FIRST_AD_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate AFTER_9999_DAY = LocalDate.of(10_000, 1, 1);

    private Values() {}

    /**
     * Checks a value against its column and returns it in canonical form; a timestamp or date must lie in the years 1
     * to 9999 (the write paths' range: what a caller hands in).
     */
    public static Object normalize(Column column, Object v) {
        return normalize(column, v, true);
    }

    /**
     * {@link #normalize} of a value a segment already stores, rewritten (a compaction, an asset derived from stored
     * rows): the years check is left out, so that a timestamp an earlier build stored outside the years 1 to 9999
     * does not keep its asset from being compacted. Every other check stays.
     */
    public static Object normalizeStored(Column column, Object v) {
        return normalize(column, v, false);
    }

    private static Object normalize(Column column, Object v, boolean checkYears) {
        if (v == null) {
            if (!column.nullable()) {
                throw new SchemaException("column '" + column.name() + "' is not nullable");
            }
            return null;
        }
        ColumnType t = column.type();
        try {
            return switch (t.kind()) {
                case BOOL -> (Boolean) v;
                case INT32 -> (Integer) v;
                case INT64 -> v instanceof Integer i ? Long.valueOf(i) : (Long) v;
                case FLOAT32 -> (Float) v;
                case FLOAT64 -> (Double) v;
                case DECIMAL -> normalizeDecimal(t, (BigDecimal) v);
                case TIMESTAMP_MS -> checkTimestamp((Instant) v, 1_000_000, checkYears);
                case TIMESTAMP_US -> checkTimestamp((Instant) v, 1_000, checkYears);
                case DATE -> checkYears ? checkDate((LocalDate) v) : (LocalDate) v;
                case STRING -> requireWellFormed((String) v);
                case BYTES -> (byte[]) v;
            };
        } catch (OutsideStoredYearsException e) {
            throw new OutsideStoredYearsException("column '" + column.name() + "' (" + t + "): " + e.getMessage());
        } catch (SchemaException e) {
            throw new SchemaException("column '" + column.name() + "' (" + t + "): " + e.getMessage());
        } catch (ClassCastException e) {
            throw new SchemaException("column '" + column.name() + "' (" + t + ") cannot hold a "
                    + v.getClass().getSimpleName());
        } catch (ArithmeticException e) {
            throw new SchemaException("column '" + column.name() + "' (" + t + "): " + e.getMessage());
        }
    }

    private static BigDecimal normalizeDecimal(ColumnType t, BigDecimal d) {
        if (d.scale() == t.scale()) {
            // Already at the column's scale (every value a source decoded or parsed, every stored one): stripping
            // trailing zeros keeps precision - scale (the integer digits) and cannot raise the scale, and rescaling
            // returns d itself, so only the integer digits are checked, by the same message, without a new value.
            if (d.signum() != 0 && d.precision() > t.precision()) {
                throw new ArithmeticException("more than " + (t.precision() - t.scale()) + " integer digits");
            }
            return d;
        }
        // Checked before rescaling: rescaling 1e999999999 to the column's scale would take a billion digits.
        BigDecimal stripped = d.stripTrailingZeros();
        if (d.signum() != 0 && stripped.scale() > t.scale()) {
            throw new ArithmeticException("more than " + t.scale() + " fractional digits");
        }
        if (d.signum() != 0 && (long) stripped.precision() - stripped.scale() > t.precision() - t.scale()) {
            throw new ArithmeticException("more than " + (t.precision() - t.scale()) + " integer digits");
        }
        BigDecimal s = d.setScale(t.scale(), RoundingMode.UNNECESSARY);
        if (s.precision() > t.precision() && s.signum() != 0) {
            throw new ArithmeticException(d.toPlainString() + " has more than " + t.precision() + " digits");
        }
        return s;
    }

    private static Instant checkTimestamp(Instant i, int nanosUnit) {
        return checkTimestamp(i, nanosUnit, true);
    }

    private static Instant checkTimestamp(Instant i, int nanosUnit, boolean checkYears) {
        if (checkYears && !inStoredYears(i)) {
            throw new OutsideStoredYearsException(i + " is outside the years 1 to 9999 an asset stores"
                    + " (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z)");
        }
        if (i.getNano() % nanosUnit != 0) {
            throw new ArithmeticException(i + " is finer than the column's unit");
        }
        return i;
    }

    /** Whether an instant lies in the years 1 to 9999 (UTC), the timestamps an asset stores. */
    public static boolean inStoredYears(Instant i) {
        return !i.isBefore(FIRST_AD) && i.isBefore(AFTER_9999);
    }

    private static LocalDate checkDate(LocalDate d) {
        if (d.isBefore(FIRST_AD_DAY) || !d.isBefore(AFTER_9999_DAY)) {
            throw new OutsideStoredYearsException(
                    d + " is outside the years 1 to 9999 an asset stores (0001-01-01 to 9999-12-31)");
        }
        return d;
    }

    /** The integer form of a value of an INTEGER-encoded type. */
    public static long toLong(ColumnType t, Object v) {
        return switch (t.kind()) {
            case BOOL -> ((Boolean) v) ? 1 : 0;
            case INT32 -> (Integer) v;
            case INT64 -> (Long) v;
            // The unscaled value without unscaledValue(): that makes a BigInteger of every decimal held as a long
            // (all decoded ones); the point moved to scale 0 keeps it a long.
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                yield (d.scale() == 0 ? d : d.movePointRight(d.scale())).longValueExact();
            }
            case TIMESTAMP_MS -> ((Instant) v).toEpochMilli();
            case TIMESTAMP_US -> {
                Instant i = (Instant) v;
                yield Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS_PER_SECOND), i.getNano() / 1000);
            }
            case DATE -> ((LocalDate) v).toEpochDay();
            default -> throw new IllegalArgumentException(t + " has no integer form");
        };
    }

    /** The value of an integer form; null if the integer is out of the type's range. */
    public static Object fromLong(ColumnType t, long x) {
        return switch (t.kind()) {
            case BOOL -> x == 0 ? Boolean.FALSE : x == 1 ? Boolean.TRUE : null;
            case INT32 -> x == (int) x ? Integer.valueOf((int) x) : null;
            case INT64 -> x;
            case DECIMAL -> {
                // valueOf keeps the unscaled value as a long (no BigInteger per decoded value).
                BigDecimal d = BigDecimal.valueOf(x, t.scale());
                yield d.precision() <= t.precision() || x == 0 ? d : null;
            }
            case TIMESTAMP_MS -> Instant.ofEpochMilli(x);
            case TIMESTAMP_US ->
                Instant.ofEpochSecond(Math.floorDiv(x, MICROS_PER_SECOND), Math.floorMod(x, MICROS_PER_SECOND) * 1000);
            case DATE -> x >= -365243219162L && x <= 365241780471L ? LocalDate.ofEpochDay(x) : null;
            default -> throw new IllegalArgumentException(t + " has no integer form");
        };
    }

    /** The bytes of a string or bytes value. */
    public static byte[] toBytes(ColumnType t, Object v) {
        return t.kind() == ColumnType.Kind.STRING ? ((String) v).getBytes(StandardCharsets.UTF_8) : (byte[]) v;
    }

    public static Object fromBytes(ColumnType t, byte[] b) {
        return t.kind() == ColumnType.Kind.STRING ? new String(b, StandardCharsets.UTF_8) : b;
    }

    /**
     * Total order of non-null values of a type (floats by Double/Float.compare). The canonical Java class of each
     * type is compared by its own {@code compareTo}, called directly: one call site that meets several types (the
     * statistics of a row's columns, a sort by two columns) would otherwise call {@code Comparable.compareTo}
     * through the interface, unknown to the JIT, for every value. Any other pair of values (a source's Integer in an
     * int64 column, not yet normalized) is compared as before, by the first one's {@code compareTo}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(ColumnType t, Object a, Object b) {
        return switch (t.kind()) {
            case STRING -> compareUtf8((String) a, (String) b);
            case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case INT64 ->
                a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : ((Comparable) a).compareTo(b);
            case INT32 ->
                a instanceof Integer x && b instanceof Integer y
                        ? Integer.compare(x, y)
                        : ((Comparable) a).compareTo(b);
            case FLOAT64 ->
                a instanceof Double x && b instanceof Double y ? Double.compare(x, y) : ((Comparable) a).compareTo(b);
            case FLOAT32 ->
                a instanceof Float x && b instanceof Float y ? Float.compare(x, y) : ((Comparable) a).compareTo(b);
            case DECIMAL ->
                a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) : ((Comparable) a).compareTo(b);
            case TIMESTAMP_MS, TIMESTAMP_US ->
                a instanceof Instant x && b instanceof Instant y ? x.compareTo(y) : ((Comparable) a).compareTo(b);
            case DATE ->
                a instanceof LocalDate x && b instanceof LocalDate y ? x.compareTo(y) : ((Comparable) a).compareTo(b);
            default -> ((Comparable) a).compareTo(b);
        };
    }

    /**
     * Two strings in the order of their UTF-8 bytes (unsigned), as {@code Arrays.compareUnsigned} of their
     * {@code getBytes(UTF_8)} orders them, without encoding them: up to their first differing character both
     * encode alike, and UTF-8 orders characters of the Basic Multilingual Plane outside the surrogates by their
     * code. Where a surrogate is involved (a character above U+FFFF, or a lone surrogate, which the encoder
     * replaces) the bytes are compared as they are. A row filter on a string column compares each scanned value with
     * its operand this way (SegmentScan), as do the chunk statistics' merges and value-set look-ups.
     */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i < n) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                return bytesOrder(a, b);
            }
            return x < y ? -1 : 1;
        }
        // One is a prefix of the other (or they are equal): the shorter one's bytes are a prefix of the longer's;
        // where a surrogate stands at the cut the bytes are compared as they are (not needed for the sign, but plain).
        if (a.length() != b.length()) {
            String longer = a.length() > b.length() ? a : b;
            if (Character.isSurrogate(longer.charAt(n)) || (n > 0 && Character.isSurrogate(longer.charAt(n - 1)))) {
                return bytesOrder(a, b);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int bytesOrder(String a, String b) {
        return Integer.signum(
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    }

    /** CSV text of a non-null value. */
    public static String format(ColumnType t, Object v) {
        return switch (t.kind()) {
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case BYTES -> Base64.getEncoder().encodeToString((byte[]) v);
            default -> v.toString();
        };
    }

    /**
     * Parses CSV text strictly: only text that denotes exactly one value of the type is accepted,
     * never one the column would hold changed. Floats take plain decimal notation (or the words
     * {@code NaN}, {@code Infinity}, {@code -Infinity} that {@link #format} writes) and must not
     * overflow to infinity or underflow to zero; integers take ASCII digits; strings must be
     * well-formed UTF-16 (a lone surrogate has no UTF-8 form); timestamps refuse a leap second
     * ({@code 23:59:60}).
     *
     * @throws InvalidValueTextException naming the text, and why when there is more to say than that it is not a
     *     value of the type
     * @throws OutsideStoredYearsException for a timestamp or date outside the years 1 to 9999
     */
    public static Object parse(ColumnType t, String s) {
        if (s == null) {
            throw new InvalidValueTextException("null is not a " + t + " text", null);
        }
        try {
            return switch (t.kind()) {
                case BOOL ->
                    switch (s) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> throw notA(t, s, null);
                    };
                case INT32 -> Integer.valueOf(integerText(t, s));
                case INT64 -> Long.valueOf(integerText(t, s));
                case FLOAT32 -> {
                    Object special = specialFloat(s, true);
                    yield special != null ? special : exactFloat(t, s, Float.parseFloat(decimalText(t, s)));
                }
                case FLOAT64 -> {
                    Object special = specialFloat(s, false);
                    yield special != null ? special : exactFloat(t, s, Double.parseDouble(decimalText(t, s)));
                }
                case DECIMAL -> normalizeDecimal(t, new BigDecimal(decimalText(t, s)));
                case TIMESTAMP_MS -> checkTimestamp(instant(t, s), 1_000_000);
                case TIMESTAMP_US -> checkTimestamp(instant(t, s), 1_000);
                case DATE -> checkDate(LocalDate.parse(s));
                case STRING -> requireWellFormed(s);
                case BYTES -> Base64.getDecoder().decode(s);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw notA(t, s, null);
        } catch (ArithmeticException e) {
            boolean numeric = t.kind() == ColumnType.Kind.FLOAT32
                    || t.kind() == ColumnType.Kind.FLOAT64
                    || t.kind() == ColumnType.Kind.DECIMAL;
            throw notA(t, s, numeric ? e.getMessage() : null);
        } catch (OutsideStoredYearsException e) {
            throw e;
        } catch (SchemaException e) {
            throw new InvalidValueTextException(e.getMessage(), e.getMessage());
        }
    }

    private static InvalidValueTextException notA(ColumnType t, String s, String reason) {
        return new InvalidValueTextException(
                "not a " + t + ": '" + shown(s) + "'" + (reason == null ? "" : " (" + reason + ")"), reason);
    }

    /**
     * {@link Instant#parse}, refusing a leap second: it reads {@code 23:59:60} as {@code 23:59:59} of the same day, a
     * second early (PostgreSQL reads it as the next day's midnight), so the column would hold it changed.
     */
    private static Instant instant(ColumnType t, String s) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_INSTANT.parse(s);
        if (parsed.query(DateTimeFormatter.parsedLeapSecond())) {
            throw notA(
                    t,
                    s,
                    "second 60 is a leap second, which a timestamp does not hold; PostgreSQL reads it as 00:00:00 of"
                            + " the next day");
        }
        return Instant.from(parsed);
    }

    private static String integerText(ColumnType t, String s) {
        if (!INTEGER.matcher(s).matches()) {
            throw new NumberFormatException(t + " takes ASCII digits");
        }
        return s;
    }

    private static String decimalText(ColumnType t, String s) {
        if (!DECIMAL_FLOAT.matcher(s).matches()) {
            throw new NumberFormatException(t + " takes decimal notation");
        }
        return s;
    }

    private static Object specialFloat(String s, boolean single) {
        return switch (s) {
            case "NaN" -> single ? (Object) Float.NaN : (Object) Double.NaN;
            case "Infinity" -> single ? (Object) Float.POSITIVE_INFINITY : (Object) Double.POSITIVE_INFINITY;
            case "-Infinity" -> single ? (Object) Float.NEGATIVE_INFINITY : (Object) Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** A finite literal that overflows to infinity, or a non-zero one that underflows to zero, is refused. */
    private static Object exactFloat(ColumnType t, String s, Number parsed) {
        double value = parsed.doubleValue();
        if (Double.isInfinite(value)) {
            throw new ArithmeticException("out of the range of " + t);
        }
        if (value == 0 && hasNonZeroDigit(s)) {
            throw new ArithmeticException("too small for " + t + ": it would become 0");
        }
        return parsed;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a string that is not well-formed UTF-16: a lone surrogate has no UTF-8 form, so it
     * would be stored as '?' and come back changed.
     */
    public static String requireWellFormed(String s) {
        // Most strings hold no surrogate at all: one range check per character finds the first one.
        int n = s.length();
        int first = 0;
        while (first < n && !Character.isSurrogate(s.charAt(first))) {
            first++;
        }
        for (int i = first; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SchemaException("string holds a lone surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at character " + i
                        + ": not well-formed Unicode");
            }
        }
        return s;
    }

    private static String shown(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
