package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column's type, from the fixed list the WebM columnar format stores. */
public record ColumnType(String name) {
    /** The types without parameters; decimal takes precision and scale: decimal(p,s). */
    public static final List<String> SIMPLE = List.of("bool", "int32", "int64", "float32", "float64",
            "timestamp_ms", "timestamp_us", "date", "string", "bytes");
    public static final int MAX_DECIMAL_PRECISION = 38;
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d{1,2}),(\\d{1,2})\\)");

    /** @throws InvalidInputException naming the column when the type is not on the list */
    public static ColumnType parse(String column, String raw) throws InvalidInputException {
        String type = raw == null ? "" : raw.trim().replace(" ", "");
        if (SIMPLE.contains(type)) {
            return new ColumnType(type);
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
                throw new InvalidInputException("column " + column + ": decimal(" + precision + "," + scale
                        + ") needs 1 <= precision <= " + MAX_DECIMAL_PRECISION + " and 0 <= scale <= precision");
            }
            return new ColumnType(type);
        }
        throw new InvalidInputException("column " + column + ": unknown type '" + coop.cpc.lakehouse.application.Names.abbreviate(raw == null ? "" : raw)
                + "'; expected one of " + String.join(", ", SIMPLE) + ", decimal(p,s)");
    }

    @Override
    public String toString() {
        return name;
    }
}
