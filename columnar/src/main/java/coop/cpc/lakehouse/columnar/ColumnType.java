package coop.cpc.lakehouse.columnar;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column's logical type; decimals carry precision and scale. */
public record ColumnType(Kind kind, int precision, int scale) {
    /** The logical types of docs/format/webm-columnar.md section 4. */
    public enum Kind {
        BOOL,
        INT32,
        INT64,
        FLOAT32,
        FLOAT64,
        DECIMAL,
        TIMESTAMP_MS,
        TIMESTAMP_US,
        DATE,
        STRING,
        BYTES
    }

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    public ColumnType {
        if (kind == Kind.DECIMAL && (precision < 1 || precision > 18 || scale < 0 || scale > precision)) {
            throw new SchemaException(
                    "decimal(" + precision + "," + scale + ") is not supported: 1 <= p <= 18, 0 <= s <= p");
        }
    }

    public static ColumnType of(Kind kind) {
        if (kind == Kind.DECIMAL) {
            throw new SchemaException("decimal needs precision and scale");
        }
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** Parses the schema JSON spelling: int64, float64, decimal(p,s), timestamp_ms, ... */
    public static ColumnType parse(String text) {
        String t = text.trim().replace(" ", "");
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            try {
                return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (NumberFormatException e) {
                throw new SchemaException("unknown type '" + text + "'");
            }
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.DECIMAL && k.name().toLowerCase(Locale.ROOT).equals(t)) {
                return of(k);
            }
        }
        throw new SchemaException("unknown type '" + text + "'");
    }

    /** True for types whose values are strings of bytes. */
    public boolean isBinaryLike() {
        return kind == Kind.STRING || kind == Kind.BYTES;
    }

    public boolean isFloating() {
        return kind == Kind.FLOAT32 || kind == Kind.FLOAT64;
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL
                ? "decimal(" + precision + "," + scale + ")"
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
