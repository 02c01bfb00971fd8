package coop.cpc.lakehouse.columnar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Java value of each logical type (section 4 of the format spec), its integer form, its
 * order and its CSV text.
 */
public final class Values {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Values() {}

  /** Checks a value against its column and returns it in canonical form. */
  public static Object normalize(Column column, Object v) {
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
        case TIMESTAMP_MS -> checkTimestamp((Instant) v, 1_000_000);
        case TIMESTAMP_US -> checkTimestamp((Instant) v, 1_000);
        case DATE -> (LocalDate) v;
        case STRING -> (String) v;
        case BYTES -> (byte[]) v;
      };
    } catch (ClassCastException e) {
      throw new SchemaException("column '" + column.name() + "' (" + t + ") cannot hold a "
          + v.getClass().getSimpleName());
    } catch (ArithmeticException e) {
      throw new SchemaException("column '" + column.name() + "' (" + t + "): " + e.getMessage());
    }
  }

  private static BigDecimal normalizeDecimal(ColumnType t, BigDecimal d) {
    BigDecimal s = d.setScale(t.scale(), RoundingMode.UNNECESSARY);
    if (s.precision() > t.precision() && s.signum() != 0) {
      throw new ArithmeticException(d.toPlainString() + " has more than " + t.precision() + " digits");
    }
    return s;
  }

  private static Instant checkTimestamp(Instant i, int nanosUnit) {
    if (i.getNano() % nanosUnit != 0) {
      throw new ArithmeticException(i + " is finer than the column's unit");
    }
    // Throws ArithmeticException when the value does not fit 64 bits of the unit.
    toLong(nanosUnit == 1_000 ? ColumnType.of(ColumnType.Kind.TIMESTAMP_US)
        : ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), i);
    return i;
  }

  /** The integer form of a value of an INTEGER-encoded type. */
  public static long toLong(ColumnType t, Object v) {
    return switch (t.kind()) {
      case BOOL -> ((Boolean) v) ? 1 : 0;
      case INT32 -> (Integer) v;
      case INT64 -> (Long) v;
      case DECIMAL -> ((BigDecimal) v).unscaledValue().longValueExact();
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
        BigDecimal d = new BigDecimal(BigInteger.valueOf(x), t.scale());
        yield d.precision() <= t.precision() || x == 0 ? d : null;
      }
      case TIMESTAMP_MS -> Instant.ofEpochMilli(x);
      case TIMESTAMP_US -> Instant.ofEpochSecond(Math.floorDiv(x, MICROS_PER_SECOND),
          Math.floorMod(x, MICROS_PER_SECOND) * 1000);
      case DATE -> x >= -365243219162L && x <= 365241780471L ? LocalDate.ofEpochDay(x) : null;
      default -> throw new IllegalArgumentException(t + " has no integer form");
    };
  }

  /** The bytes of a string or bytes value. */
  public static byte[] toBytes(ColumnType t, Object v) {
    return t.kind() == ColumnType.Kind.STRING
        ? ((String) v).getBytes(StandardCharsets.UTF_8) : (byte[]) v;
  }

  public static Object fromBytes(ColumnType t, byte[] b) {
    return t.kind() == ColumnType.Kind.STRING ? new String(b, StandardCharsets.UTF_8) : b;
  }

  /** Total order of non-null values of a type (floats by Double/Float.compare). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(ColumnType t, Object a, Object b) {
    return switch (t.kind()) {
      case STRING -> Arrays.compareUnsigned(
          ((String) a).getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
      case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
      default -> ((Comparable) a).compareTo(b);
    };
  }

  /** CSV text of a non-null value. */
  public static String format(ColumnType t, Object v) {
    return switch (t.kind()) {
      case DECIMAL -> ((BigDecimal) v).toPlainString();
      case BYTES -> Base64.getEncoder().encodeToString((byte[]) v);
      default -> v.toString();
    };
  }

  /** Parses CSV text; throws IllegalArgumentException with a short reason. */
  public static Object parse(ColumnType t, String s) {
    try {
      return switch (t.kind()) {
        case BOOL -> switch (s) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException("not a bool: '" + s + "'");
        };
        case INT32 -> Integer.valueOf(s);
        case INT64 -> Long.valueOf(s);
        case FLOAT32 -> Float.valueOf(s);
        case FLOAT64 -> Double.valueOf(s);
        case DECIMAL -> normalizeDecimal(t, new BigDecimal(s));
        case TIMESTAMP_MS -> checkTimestamp(Instant.parse(s), 1_000_000);
        case TIMESTAMP_US -> checkTimestamp(Instant.parse(s), 1_000);
        case DATE -> LocalDate.parse(s);
        case STRING -> s;
        case BYTES -> Base64.getDecoder().decode(s);
      };
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a " + t + ": '" + s + "'");
    }
  }
}
