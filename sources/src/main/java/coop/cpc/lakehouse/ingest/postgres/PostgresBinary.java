package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.columnar.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;

/**
 * A field of {@code COPY ... (FORMAT binary)} (each type's binary send format) as the Java value of its asset
 * column: the same value, or the same refusal, as the reader's former text path gave for the field's text
 * (kept as the tests' oracle, {@code PostgresText}). Columns an
 * asset stores as strings arrive as text (the SELECT casts every other type to {@code text}), so a type this
 * class does not know never reaches it in binary.
 */
final class PostgresBinary {
    /** 2000-01-01, PostgreSQL's epoch, in days and seconds after 1970-01-01. */
    private static final long EPOCH_DAYS = 10_957;

    private static final long EPOCH_SECONDS = EPOCH_DAYS * 86_400;
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    /** The earliest instant a timestamp's text shows without " BC". */
    private static final Instant FIRST_AD = Instant.parse("0001-01-01T00:00:00Z");
    /** The first instant whose text has a five-digit year. */
    private static final Instant AFTER_9999 = Instant.parse("+10000-01-01T00:00:00Z");

    private PostgresBinary() {}

    /**
     * The value of the {@code length} bytes at {@code offset}.
     *
     * @throws IllegalArgumentException with the reason the text path gave, when the value has no asset form (a
     *     rejected record)
     * @throws SourceTableException when the field's size does not fit its type (the server sent another type)
     */
    static Object decode(SourceColumn column, byte[] b, int offset, int length) {
        ColumnType type = column.assetType();
        return switch (type.kind()) {
            case BOOL -> {
                size(column, length, 1);
                yield b[offset] != 0 ? Boolean.TRUE : Boolean.FALSE;
            }
            case INT32 -> {
                if (column.udtName().equals("int2")) {
                    size(column, length, 2);
                    yield Integer.valueOf(short16(b, offset));
                }
                size(column, length, 4);
                yield Integer.valueOf(int32(b, offset));
            }
            case INT64 -> {
                size(column, length, 8);
                yield Long.valueOf(int64(b, offset));
            }
            case FLOAT32 -> {
                size(column, length, 4);
                float f = Float.intBitsToFloat(int32(b, offset));
                yield Float.isNaN(f) ? Float.NaN : f;
            }
            case FLOAT64 -> {
                size(column, length, 8);
                double d = Double.longBitsToDouble(int64(b, offset));
                yield Double.isNaN(d) ? Double.NaN : d;
            }
            case DECIMAL -> numeric(column, type, b, offset, length);
            case TIMESTAMP_US -> {
                size(column, length, 8);
                yield timestamp(column, int64(b, offset));
            }
            case DATE -> {
                size(column, length, 4);
                yield date(type, int32(b, offset));
            }
            case BYTES -> Arrays.copyOfRange(b, offset, offset + length);
            default -> new String(b, offset, length, StandardCharsets.UTF_8);
        };
    }

    /** numeric's binary form: digit count, weight, sign, display scale, then base-10,000 digits. */
    private static BigDecimal numeric(SourceColumn column, ColumnType type, byte[] b, int offset, int length) {
        if (length < 8) {
            throw wrongSize(column, length);
        }
        int digits = short16(b, offset) & 0xFFFF;
        int weight = short16(b, offset + 2);
        int sign = short16(b, offset + 4) & 0xFFFF;
        if (length != 8 + 2 * digits) {
            throw wrongSize(column, length);
        }
        String special = switch (sign) {
            case NUMERIC_NAN -> "NaN";
            case NUMERIC_PINF -> "Infinity";
            case NUMERIC_NINF -> "-Infinity";
            case NUMERIC_POS, NUMERIC_NEG -> null;
            default -> throw wrongSize(column, length);
        };
        if (special != null) {
            throw new IllegalArgumentException("'" + special + "' is not a " + type);
        }
        long small = 0;
        BigInteger big = null;
        for (int i = 0; i < digits; i++) {
            int d = short16(b, offset + 8 + 2 * i);
            if (d < 0 || d > 9_999) {
                throw wrongSize(column, length); // not a base-10,000 digit: not numeric's binary form
            }
            if (big == null && small <= (Long.MAX_VALUE - 9_999) / 10_000) {
                small = small * 10_000 + d;
            } else {
                big = (big == null ? BigInteger.valueOf(small) : big)
                        .multiply(BigInteger.valueOf(10_000))
                        .add(BigInteger.valueOf(d));
            }
        }
        // The last digit group holds the units of 10,000^(weight - digits + 1).
        int scale = 4 * (digits - 1 - weight);
        BigDecimal value = big == null ? BigDecimal.valueOf(small, scale) : new BigDecimal(big, scale);
        if (sign == NUMERIC_NEG) {
            value = value.negate();
        }
        try {
            return value.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + abbreviate(value.toPlainString()) + "' is not a " + type);
        }
    }

    /** Microseconds after 2000-01-01 UTC; infinity, BC and five-digit years refused as their text was. */
    private static Instant timestamp(SourceColumn column, long micros) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            String text = micros == Long.MAX_VALUE ? "infinity" : "-infinity";
            throw new IllegalArgumentException("'" + text + "' is outside the timestamps an asset stores");
        }
        Instant at = Instant.ofEpochSecond(
                EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        if (at.isBefore(FIRST_AD)) {
            throw new IllegalArgumentException(
                    "'" + text(at, column) + " BC' is outside the timestamps an asset stores");
        }
        if (!at.isBefore(AFTER_9999)) {
            // The text form has a five-digit year, which the text path does not read either.
            throw new IllegalArgumentException("'" + text(at, column) + "' is not a " + column.assetType());
        }
        return at;
    }

    /** The timestamp as PostgreSQL's ISO output writes it (the year as a BC year before year 1), for messages. */
    private static String text(Instant at, SourceColumn column) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%04d-%02d-%02d %02d:%02d:%02d",
                t.getYear() < 1 ? 1 - t.getYear() : t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond()));
        int micros = t.getNano() / 1_000;
        if (micros != 0) {
            String fraction = String.format(Locale.ROOT, "%06d", micros).replaceFirst("0+$", "");
            s.append('.').append(fraction);
        }
        if (column.udtName().equals("timestamptz")) {
            s.append("+00");
        }
        return s.toString();
    }

    /** Days after 2000-01-01; infinity, BC and five-digit years refused as their text was. */
    private static LocalDate date(ColumnType type, int days) {
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            String text = days == Integer.MAX_VALUE ? "infinity" : "-infinity";
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
        LocalDate d = LocalDate.ofEpochDay(EPOCH_DAYS + days);
        if (d.getYear() < 1) {
            String text = String.format(
                    Locale.ROOT, "%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
        if (d.getYear() > 9999) {
            String text = String.format(Locale.ROOT, "%d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
        return d;
    }

    private static void size(SourceColumn column, int length, int expected) {
        if (length != expected) {
            throw wrongSize(column, length);
        }
    }

    private static SourceTableException wrongSize(SourceColumn column, int length) {
        return new SourceTableException("the COPY sent " + length + " bytes for column " + column.name() + " of type "
                + column.sqlType() + ", which is not that type's binary form");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static short short16(byte[] b, int i) {
        return (short) (((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF));
    }

    static int int32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static long int64(byte[] b, int i) {
        return ((long) int32(b, i) << 32) | (int32(b, i + 4) & 0xFFFFFFFFL);
    }
}
