package coop.cpc.lakehouse.adapter.health;

import java.util.List;

/**
 * A source of a research extract: its columns and rows (values as the columnar format's Java types:
 * String, byte[], Integer, Long, Double, LocalDate, Instant...).
 */
public record SourceTable(String name, List<SourceColumn> columns, List<Object[]> rows) {

    /** One column: name, lakehouse type, and its declared PII category (null: none the rules know). */
    public record SourceColumn(String name, String type, ColumnKinds.Pii pii) {
        public IdentifierKind kind() {
            return ColumnKinds.of(name, type, pii);
        }
    }

    public SourceTable {
        columns = List.copyOf(columns);
    }

    public int index(String column) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(column)) {
                return c;
            }
        }
        return -1;
    }
}
