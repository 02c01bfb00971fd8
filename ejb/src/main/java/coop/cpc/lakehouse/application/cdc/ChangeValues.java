package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.asset.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium's values (decimal.handling.mode=string with the source type of numeric, numeric[] and bit string
 * columns propagated, time.precision.mode=adaptive_time_microseconds,
 * interval.handling.mode=string) as the lakehouse's column values, and the column type of a source column the
 * asset does not have yet. Values an asset cannot hold throw {@link UnstorableValueException}; values stored as
 * text are the text the PostgreSQL table source stores ({@link PostgresValueText}).
 */
final class ChangeValues {
    /** Debezium's stand-in for a TOASTed value an update did not change (unavailable.value.placeholder). */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE.getBytes(StandardCharsets.UTF_8);
    /** The JDBC driver's infinity (PGStatement.DATE_POSITIVE_INFINITY), which Debezium sends as microseconds. */
    private static final long INFINITY_MICROS = 9_223_372_036_825_200_000L;
    /** The JDBC driver's -infinity (PGStatement.DATE_NEGATIVE_INFINITY). */
    private static final long MINUS_INFINITY_MICROS = -9_223_372_036_832_400_000L;
    /** A scalar date 'infinity' as Debezium sends it: (int) (Integer.MAX_VALUE + 10957). */
    private static final long DATE_INFINITY_DAY = -2_147_472_692L;
    /** A scalar date '-infinity': (int) (Integer.MIN_VALUE + 10957). */
    private static final long DATE_MINUS_INFINITY_DAY = -2_147_472_691L;
    /** A date[] element 'infinity': the JDBC driver's DATE_POSITIVE_INFINITY as Debezium converts it. */
    private static final long ARRAY_DATE_INFINITY_DAY = -622_191_234L;
    /** A date[] element '-infinity': the JDBC driver's DATE_NEGATIVE_INFINITY as Debezium converts it. */
    private static final long ARRAY_DATE_MINUS_INFINITY_DAY = -625_821_272L;
    // The first instant (day) the asset stores, and the first after them: years 1 to 9999, as the table source.
    private static final Instant FIRST_AD = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_9999 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final long FIRST_AD_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long AFTER_9999_DAY = LocalDate.of(10_000, 1, 1).toEpochDay();

    /** The schema parameters of a column's source type (datatype.propagate.source.type). */
    private static final String SOURCE_TYPE = "__debezium.source.column.type";

    private static final String SOURCE_LENGTH = "__debezium.source.column.length";
    /** Debezium's logical name of a bit(n) value of more than one bit, and its parameter holding n. */
    private static final String BITS = "io.debezium.data.Bits";

    private static final String BITS_LENGTH = "length";
    private static final String SOURCE_SCALE = "__debezium.source.column.scale";
    /** The length Debezium gives a numeric without precision while streaming (0 in a snapshot). */
    private static final int UNCONSTRAINED_NUMERIC_LENGTH = 131_089;

    private ChangeValues() {}

    /** Whether the value is the TOAST placeholder: the stored value must be kept, not overwritten. */
    static boolean isUnavailable(Object value) {
        if (value instanceof String s) {
            return s.equals(UNAVAILABLE);
        }
        if (value instanceof byte[] b) {
            return Arrays.equals(b, UNAVAILABLE_BYTES);
        }
        if (value instanceof ByteBuffer b) {
            return isUnavailable(bytes(b));
        }
        return false;
    }

    /**
     * The lakehouse type for a source column first seen in a change (added to the asset as nullable): the type the
     * stream's creation gives its PostgreSQL type ({@link SourceTables#type}), so a column added later is stored as
     * one present from the start.
     */
    static ColumnType typeOf(Schema schema) {
        return SourceTables.type(postgresType(schema));
    }

    /**
     * The PostgreSQL type (format_type's text) of the column Debezium sent with {@code schema}, as far as its
     * lakehouse type depends on it: Debezium's logical names first, then its Connect types. Every other logical
     * name (time, bit strings, geometry, …) is a type the asset stores as text.
     */
    static String postgresType(Schema schema) {
        if (schema == null) {
            return "text";
        }
        if (isNumeric(schema)) {
            return numericType(schema);
        }
        if (isBitVarying(schema)) {
            return "bit varying";
        }
        if (isBit(schema)) {
            return "bit";
        }
        String name = schema.name() == null ? "" : schema.name();
        return switch (name) {
            case "io.debezium.time.ZonedTimestamp",
                    "io.debezium.time.MicroTimestamp",
                    "io.debezium.time.Timestamp",
                    "io.debezium.time.NanoTimestamp" -> "timestamp with time zone";
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> "date";
            case Decimal.LOGICAL_NAME -> decimalType(schema);
            case "" ->
                switch (schema.type()) {
                    case BOOLEAN -> "boolean";
                    case INT8, INT16 -> "smallint";
                    case INT32 -> "integer";
                    case INT64 -> "bigint";
                    case FLOAT32 -> "real";
                    case FLOAT64 -> "double precision";
                    case BYTES -> "bytea";
                    default -> "text";
                };
            default -> "text";
        };
    }

    /** numeric(p,s) of a Connect decimal with its precision; numeric without it. */
    private static String decimalType(Schema schema) {
        String precision =
                schema.parameters() == null ? null : schema.parameters().get("connect.decimal.precision");
        String scale = schema.parameters() == null ? null : schema.parameters().get(Decimal.SCALE_FIELD);
        return precision == null || scale == null ? "numeric" : "numeric(" + precision + "," + scale + ")";
    }

    /** The PostgreSQL type Debezium propagated into the schema's parameters, or "". */
    private static String sourceType(Schema schema) {
        String type = schema == null || schema.parameters() == null
                ? null
                : schema.parameters().get(SOURCE_TYPE);
        return type == null ? "" : type;
    }

    /**
     * Whether the schema is a {@code bit varying} column's: Debezium 3.6 sends its bits without their leading zeros
     * (B'0011' as B'11'), and one of length 1 or without a length as a boolean, so its values cannot be stored
     * exactly.
     */
    static boolean isBitVarying(Schema schema) {
        return sourceType(schema).equalsIgnoreCase("VARBIT");
    }

    /**
     * The conversion an earlier build made of a {@code bit varying} value into a column it created or added for it
     * (it accepted the type): Debezium's value as is, without its leading zeros, bytes as base64 text in a string
     * column. Only for a stream an earlier build created; a new stream refuses the type.
     *
     * @throws SourceTypeChangeException when the column is of a type that build never gave it
     */
    static Converter earlierBuildsBitVarying(Schema schema, ColumnType target) {
        return switch (target.name()) {
            case "string" ->
                value -> value instanceof Boolean b
                        ? b.toString()
                        : java.util.Base64.getEncoder().encodeToString(bytesOf(value));
            case "bytes" -> ChangeValues::bytesOf;
            case "bool" -> value -> (Boolean) value;
            default -> throw new SourceTypeChangeException(target, typeOf(schema), debeziumName(schema));
        };
    }

    /** Whether the schema is a {@code bit(n)} column's: a boolean for bit(1), else Debezium's Bits. */
    private static boolean isBit(Schema schema) {
        return sourceType(schema).equalsIgnoreCase("BIT")
                || (schema != null && BITS.equals(schema.name()) && !isBitVarying(schema));
    }

    /**
     * PostgreSQL's text of a {@code bit(n)} value: {@code n} digits 0 or 1. Debezium 3.6.1 sends bit(1) as a boolean
     * and longer ones as Bits bytes (PostgresValueConverter.convertBits: the text's last digit is bit 0, the bits as
     * BitSet.toByteArray, little-endian and without trailing zero bytes); its schema keeps {@code n}.
     */
    private static String bitText(Schema schema, Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        byte[] bytes = bytesOf(value);
        String declared = schema.parameters() == null
                ? null
                : schema.parameters()
                        .getOrDefault(BITS_LENGTH, schema.parameters().get(SOURCE_LENGTH));
        int length = declared == null ? bytes.length * 8 : Integer.parseInt(declared);
        StringBuilder text = new StringBuilder(length);
        for (int bit = length - 1; bit >= 0; bit--) {
            int at = bit / 8;
            text.append(at < bytes.length && ((bytes[at] >> (bit % 8)) & 1) != 0 ? '1' : '0');
        }
        return text.toString();
    }

    /** Whether the schema is a PostgreSQL numeric's as decimal.handling.mode=string sends it: text. */
    static boolean isNumeric(Schema schema) {
        return schema != null
                && schema.type() == Schema.Type.STRING
                && schema.parameters() != null
                && "NUMERIC".equals(schema.parameters().get(SOURCE_TYPE));
    }

    /** numeric(p,s) of a numeric with its precision and scale; numeric without them (or without precision). */
    private static String numericType(Schema schema) {
        String length = schema.parameters().get(SOURCE_LENGTH);
        String scale = schema.parameters().get(SOURCE_SCALE);
        if (length == null || scale == null) {
            return "numeric";
        }
        int precision = Integer.parseInt(length);
        if (precision <= 0 || precision == UNCONSTRAINED_NUMERIC_LENGTH) {
            return "numeric";
        }
        return "numeric(" + precision + "," + scale + ")";
    }

    /**
     * PostgreSQL's text of a numeric NaN or infinity as Debezium names it in string mode (SpecialValueDecimal's
     * names), or null for a number.
     */
    private static String specialNumeric(String text) {
        return switch (text) {
            case "NAN" -> "NaN";
            case "POSITIVE_INFINITY" -> "Infinity";
            case "NEGATIVE_INFINITY" -> "-Infinity";
            default -> null;
        };
    }

    /** A numeric's text as PostgreSQL writes it: plain digits, NaN and infinities by PostgreSQL's names. */
    private static String numericText(Object value) {
        String text = value.toString();
        String special = specialNumeric(text);
        return special != null ? special : new BigDecimal(text).toPlainString();
    }

    /**
     * The text of a numeric without precision as streams stored it before decimal.handling.mode=string: Debezium's
     * precise mode stripped its trailing zeros, the scale floored at 0 ({@code 1.50} is {@code 1.5}, {@code 100.0}
     * is {@code 100}, {@code 0.00} and {@code -0.0} are {@code 0}). Keeping it keeps rows stored then matching by
     * key. NaN and infinities by PostgreSQL's names.
     */
    private static String unconstrainedNumericText(Object value) {
        String text = value.toString();
        String special = specialNumeric(text);
        if (special != null) {
            return special;
        }
        BigDecimal stripped = new BigDecimal(text).stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Whether the schema is a numeric[]'s without precision, its source type propagated. */
    private static boolean isUnconstrainedNumericArray(Schema schema) {
        return schema != null
                && schema.type() == Schema.Type.ARRAY
                && schema.parameters() != null
                && "_NUMERIC".equals(schema.parameters().get(SOURCE_TYPE))
                && isUnconstrained(schema);
    }

    /**
     * Whether the numeric has no precision, as Debezium's precise mode decided it (a variable scale decimal: length
     * 0 or 131089, scale absent or 0; Debezium leaves the length out when it is unknown, -1).
     */
    private static boolean isUnconstrained(Schema numeric) {
        String length = numeric.parameters().get(SOURCE_LENGTH);
        String scale = numeric.parameters().get(SOURCE_SCALE);
        boolean noPrecision = length != null
                && (Integer.parseInt(length) == 0 || Integer.parseInt(length) == UNCONSTRAINED_NUMERIC_LENGTH);
        return noPrecision && (scale == null || Integer.parseInt(scale) == 0);
    }

    /** A conversion of one source column's values into one asset column's, chosen once per column. */
    @FunctionalInterface
    interface Converter {
        /** @param value not null */
        Object convert(Object value);
    }

    /**
     * @param target the asset column's type
     * @throws SourceTypeChangeException when the schema's type is not one the column holds exactly (a source type
     *     change)
     * @throws UnstorableValueException when the value does not fit the column
     */
    static Object convert(Schema schema, Object value, ColumnType target) {
        return value == null ? null : converter(schema, target).convert(value);
    }

    /**
     * The conversion of values of {@code schema} into {@code target}, decided once (a change batch maps
     * thousands of rows of the same schema).
     *
     * @throws SourceTypeChangeException when the column cannot hold every value of the schema exactly: the
     *     source column's type changed (int to bigint, real to double precision, timestamp to date …)
     */
    static Converter converter(Schema schema, ColumnType target) {
        if (!holds(target, schema)) {
            throw new SourceTypeChangeException(target, typeOf(schema), debeziumName(schema));
        }
        String name = schema == null || schema.name() == null ? "" : schema.name();
        String type = target.name();
        if (type.startsWith("decimal(")) {
            int precision = Integer.parseInt(
                    type.substring("decimal(".length(), type.indexOf(',')).trim());
            int scale = Integer.parseInt(
                    type.substring(type.indexOf(',') + 1, type.length() - 1).trim());
            return value -> {
                String special = value instanceof String text ? specialNumeric(text) : null;
                if (special != null) {
                    throw new UnstorableValueException(special, "is not a " + type);
                }
                BigDecimal exact = decimal(value, schema);
                try {
                    BigDecimal stored = exact.setScale(scale, RoundingMode.UNNECESSARY);
                    if (stored.precision() <= precision) {
                        return stored;
                    }
                } catch (ArithmeticException roundingNeeded) {
                    // refused below
                }
                throw new UnstorableValueException(exact.toPlainString(), "does not fit " + type);
            };
        }
        if (type.equals("string") && isBit(schema)) {
            return value -> bitText(schema, value);
        }
        if (type.equals("string") && isNumeric(schema)) {
            return isUnconstrained(schema) ? ChangeValues::unconstrainedNumericText : ChangeValues::numericText;
        }
        if (type.equals("string") && isUnconstrainedNumericArray(schema)) {
            // Precise mode stripped each element too (Debezium converts an element as a column of the array's
            // length and scale).
            return value -> PostgresValueText.of(
                    schema,
                    ((List<?>) value)
                            .stream()
                                    .map(e -> e == null ? null : unconstrainedNumericText(e))
                                    .toList());
        }
        return switch (type) {
            case "bool" -> value -> (Boolean) value;
            case "int32" -> value -> value instanceof Integer i ? i : Integer.valueOf(shortOrByte(value, type));
            case "int64" -> value -> value instanceof Long l ? l : Long.valueOf(integer(value, type));
            case "float32" -> value -> (Float) value;
            case "float64" -> value -> value instanceof Double d ? d : exactDouble(value);
            case "timestamp_us", "timestamp_ms" -> value -> storedInstant(name, value);
            case "date" ->
                value -> storedDate(
                        value instanceof java.util.Date d
                                ? Math.floorDiv(d.getTime(), 86_400_000L)
                                : ((Integer) value).longValue());
            case "bytes" -> value -> value instanceof ByteBuffer b ? bytes(b) : (byte[]) value;
            case "string" -> value -> value instanceof String text && name.isEmpty() ? text : text(name, value, schema);
            default -> value -> text(name, value, schema);
        };
    }

    /**
     * Whether a column of type {@code column} holds every value of {@code schema} exactly: the column's type is the
     * one the schema's source type gets ({@link #typeOf}), or text (a column stored as text takes any value as its
     * text), or a narrower kind the column holds whole: an integer of fewer bits, a real or an integer of at most 32
     * bits in a float64 column (each is exact as a double), a decimal of the column's scale and no more digits (every
     * value is checked against the column's precision too).
     */
    static boolean holds(ColumnType column, Schema schema) {
        ColumnType sent = typeOf(schema);
        String type = column.name();
        if (sent.equals(column) || type.equals("string") || heldAsAnEarlierBuildTypedIt(type, schema)) {
            return true;
        }
        if (type.equals("int64")) {
            return sent.name().equals("int32");
        }
        if (type.equals("float64")) {
            // A double has 53 bits of mantissa: every real (24) and integer (32) is one; a bigint (64) is not.
            return sent.name().equals("float32") || sent.name().equals("int32");
        }
        if (type.startsWith("decimal(")) {
            // A Connect decimal without its precision: its scale must be the column's (each value is checked).
            if (Decimal.LOGICAL_NAME.equals(schema.name())
                    && decimalType(schema).equals("numeric")) {
                return schema.parameters() != null
                        && type.endsWith("," + schema.parameters().get(Decimal.SCALE_FIELD) + ")");
            }
            return sent.name().startsWith("decimal(")
                    && scaleOf(sent).equals(scaleOf(column))
                    && precisionOf(sent) <= precisionOf(column);
        }
        return false;
    }

    /**
     * Whether the column is one an earlier build added mid-stream for the schema, typed by its Connect type: bit(1)
     * as bool (Debezium's Boolean), bit(n) as bytes (Debezium's Bits), time as int64 (MicroTime's microseconds).
     * The column holds those values exactly, stored as that build stored them, so the stream goes on.
     */
    private static boolean heldAsAnEarlierBuildTypedIt(String column, Schema schema) {
        if (schema == null || isBitVarying(schema)) {
            return false;
        }
        return switch (column) {
            case "bool" -> isBit(schema) && schema.type() == Schema.Type.BOOLEAN;
            case "bytes" -> isBit(schema) && schema.type() == Schema.Type.BYTES;
            case "int64" -> "io.debezium.time.MicroTime".equals(schema.name());
            default -> false;
        };
    }

    private static int precisionOf(ColumnType decimal) {
        String name = decimal.name();
        return Integer.parseInt(
                name.substring("decimal(".length(), name.indexOf(',')).trim());
    }

    private static String scaleOf(ColumnType decimal) {
        String name = decimal.name();
        return name.substring(name.indexOf(',') + 1, name.length() - 1).trim();
    }

    /** Debezium's name of the schema, for messages: its logical name, else its Connect type. */
    private static String debeziumName(Schema schema) {
        if (isNumeric(schema)) {
            return "NUMERIC";
        }
        return schema.name() != null ? schema.name() : schema.type().name();
    }

    /** A smallint's value (Short, or Byte): an int32 column takes no wider number. */
    private static int shortOrByte(Object value, String type) {
        if (value instanceof Short s) {
            return s;
        }
        if (value instanceof Byte b) {
            return b;
        }
        throw new UnstorableValueException(String.valueOf(value), "is not an " + type);
    }

    /** A real's or an integer's value of at most 32 bits as the double it is exactly; a NaN as the one NaN. */
    private static double exactDouble(Object value) {
        if (value instanceof Float f) {
            return Float.isNaN(f) ? Double.NaN : f.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).doubleValue();
        }
        throw new UnstorableValueException(String.valueOf(value), "is not a float64");
    }

    /** An integer's value of at most 32 bits: an int64 column takes no fraction. */
    private static long integer(Object value, String type) {
        if (value instanceof Integer i) {
            return i;
        }
        return shortOrByte(value, type);
    }

    static BigDecimal decimal(Object value, Schema schema) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Struct s && s.schema().field("scale") != null) {
            return new BigDecimal(new BigInteger(bytesOf(s.get("value"))), s.getInt32("scale"));
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(value.toString());
    }

    /**
     * The instant of a timestamp the asset stores: PostgreSQL's infinity and years outside 1 to 9999 are refused
     * as the PostgreSQL table source refuses them.
     */
    private static Instant storedInstant(String name, Object value) {
        String infinity = infinity(name, value);
        if (infinity != null) {
            throw new UnstorableValueException(infinity, "is outside the timestamps an asset stores");
        }
        Instant at = instant(name, value);
        if (at.isBefore(FIRST_AD) || !at.isBefore(AFTER_9999)) {
            throw new UnstorableValueException(at.toString(), "is outside the timestamps an asset stores");
        }
        return at;
    }

    /** A date the asset stores: years 1 to 9999, as the PostgreSQL table source. */
    private static LocalDate storedDate(long epochDay) {
        if (epochDay < FIRST_AD_DAY || epochDay >= AFTER_9999_DAY) {
            String infinity = dateInfinity(epochDay);
            throw new UnstorableValueException(
                    infinity != null ? infinity : LocalDate.ofEpochDay(epochDay).toString(),
                    "is outside the dates an asset stores");
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    /**
     * "infinity" or "-infinity" when the epoch day is how Debezium sends PostgreSQL's: a scalar date as
     * PostgreSQL's DATEVAL_NOEND/NOBEGIN shifted to 1970 with int overflow, an array element as the JDBC
     * driver's DATE_POSITIVE/NEGATIVE_INFINITY; else null. No real date is that far from year 1.
     */
    static String dateInfinity(long epochDay) {
        if (epochDay == DATE_INFINITY_DAY || epochDay == ARRAY_DATE_INFINITY_DAY) {
            return "infinity";
        }
        if (epochDay == DATE_MINUS_INFINITY_DAY || epochDay == ARRAY_DATE_MINUS_INFINITY_DAY) {
            return "-infinity";
        }
        return null;
    }

    /**
     * "infinity" or "-infinity" when the timestamp is PostgreSQL's: Debezium sends it as that text for a
     * timestamptz, and as the JDBC driver's sentinel instants for a timestamp; else null.
     */
    static String infinity(String name, Object value) {
        if (value instanceof String text) {
            return text.equals("infinity") || text.equals("-infinity") ? text : null;
        }
        if (!(value instanceof Number n)) {
            return null;
        }
        // Milliseconds for a timestamp(0) to timestamp(3), nanoseconds never reach that far.
        long scale = name.equals("io.debezium.time.Timestamp") ? 1_000L : 1L;
        long v = n.longValue();
        if (v == INFINITY_MICROS / scale || v == Long.MAX_VALUE) {
            return "infinity";
        }
        if (v == MINUS_INFINITY_MICROS / scale || v == -INFINITY_MICROS / scale || v == Long.MIN_VALUE) {
            return "-infinity";
        }
        return null;
    }

    /** The instant of a timestamp as Debezium sends it, unchecked. */
    static Instant instant(String name, Object value) {
        return switch (name) {
            case "io.debezium.time.ZonedTimestamp" ->
                OffsetDateTime.parse((String) value).toInstant();
            case "io.debezium.time.MicroTimestamp" -> micros(((Number) value).longValue());
            case "io.debezium.time.NanoTimestamp" -> Instant.ofEpochSecond(0, ((Number) value).longValue());
            case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli(((Number) value).longValue());
            default -> value instanceof java.util.Date d ? d.toInstant() : micros(((Number) value).longValue());
        };
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static String text(String name, Object value, Schema schema) {
        if (name.equals("io.debezium.data.VariableScaleDecimal") && value instanceof Struct s) {
            return decimal(s, schema).toPlainString();
        }
        if (value instanceof List<?>
                || name.equals("io.debezium.time.MicroTime")
                || name.equals("io.debezium.time.Interval")) {
            return PostgresValueText.of(schema, value);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            return java.util.Base64.getEncoder().encodeToString(bytesOf(value));
        }
        return value.toString();
    }

    static byte[] bytesOf(Object value) {
        return value instanceof ByteBuffer b ? bytes(b) : (byte[]) value;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
