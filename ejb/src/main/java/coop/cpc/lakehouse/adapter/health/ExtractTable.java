package coop.cpc.lakehouse.adapter.health;

import java.util.List;

/**
 * A research extract's rows before they are written: columns (name and the lakehouse type:
 * {@code string}, {@code int32}, or the source column's own type for kept columns), one Object[] per row.
 *
 * @param subjectColumn the pseudonym column
 * @param quasiIdentifiers the generalized quasi-identifier columns (all {@code string})
 */
public record ExtractTable(
        List<Column> columns, List<Object[]> rows, String subjectColumn, List<String> quasiIdentifiers) {

    public record Column(String name, String type) {}

    public int index(String column) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(column)) {
                return c;
            }
        }
        return -1;
    }
}
