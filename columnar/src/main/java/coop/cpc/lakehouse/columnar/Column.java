package coop.cpc.lakehouse.columnar;

/** One column of a schema. */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        if (name == null || name.isEmpty()) {
            throw new SchemaException("column name must not be empty");
        }
        if (type == null) {
            throw new SchemaException("column '" + name + "' has no type");
        }
    }
}
