package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.columnar.SchemaException;
import java.util.List;
import java.util.Optional;

/**
 * A column's type, from the fixed list the WebM columnar format stores: the format's own parser
 * decides, so the catalog never accepts a type the storage cannot hold.
 */
public record ColumnType(String name) {
    /** The types without parameters; decimal takes precision and scale: decimal(p,s). */
    public static final List<String> SIMPLE = List.of(
            "bool", "int32", "int64", "float32", "float64", "timestamp_ms", "timestamp_us", "date", "string", "bytes");

    /** @throws InvalidInputException naming the column when the type is not on the list */
    public static ColumnType parse(String column, String raw) throws InvalidInputException {
        String type = raw == null ? "" : raw;
        try {
            return new ColumnType(
                    coop.cpc.lakehouse.columnar.ColumnType.parse(type).toString());
        } catch (SchemaException e) {
            if (type.trim().startsWith("decimal(")) {
                throw new InvalidInputException("column " + column + ": " + e.getMessage());
            }
            throw new InvalidInputException("column " + column + ": unknown type '" + Names.abbreviate(type)
                    + "'; expected one of " + String.join(", ", SIMPLE) + ", decimal(p,s)");
        }
    }

    /**
     * The decimal type of that precision and scale, when the storage format can hold it
     * (docs/format/webm-columnar.md: 1 <= p <= 18, 0 <= s <= p); empty otherwise.
     */
    public static Optional<ColumnType> decimal(int precision, int scale) {
        try {
            return Optional.of(new ColumnType(coop.cpc.lakehouse.columnar.ColumnType.decimal(precision, scale)
                    .toString()));
        } catch (SchemaException e) {
            return Optional.empty();
        }
    }

    /** The storage format's type. */
    public coop.cpc.lakehouse.columnar.ColumnType toColumnar() {
        return coop.cpc.lakehouse.columnar.ColumnType.parse(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
