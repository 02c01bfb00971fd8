package coop.cpc.lakehouse.columnar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ordered columns of a segment. */
public record Schema(List<Column> columns) {
    public Schema {
        if (columns == null || columns.isEmpty()) {
            throw new SchemaException("schema has no columns");
        }
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new SchemaException("duplicate column '" + c.name() + "'");
            }
        }
    }

    public static Schema of(Column... columns) {
        return new Schema(List.of(columns));
    }

    public int size() {
        return columns.size();
    }

    public Column column(int ordinal) {
        return columns.get(ordinal);
    }

    /** The ordinal of the named column. */
    public int ordinal(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SchemaException("no column '" + name + "'");
    }
}
