package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import java.util.List;

/**
 * The canonical form of a primary key: each key column's value in the format's text form, length-prefixed,
 * so that equal keys are equal strings whatever segment (or request) they came from.
 */
public final class RowKey {

    private RowKey() {
    }

    /**
     * @param keyColumns the key's columns, in the key's order
     * @param values     a row
     * @param positions  where each key column's value is in {@code values}
     */
    public static String of(List<Column> keyColumns, Object[] values, int[] positions) {
        StringBuilder key = new StringBuilder();
        for (int k = 0; k < positions.length; k++) {
            Object value = values[positions[k]];
            String text = value == null ? "" : Values.format(keyColumns.get(k).type(), value);
            key.append(value == null ? -1 : text.length()).append(':').append(text);
        }
        return key.toString();
    }

    /** Positions of the named key columns in a list of columns; -1 for one it lacks. */
    public static int[] positions(List<Column> keyColumns, List<Column> columns) {
        int[] positions = new int[keyColumns.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(keyColumns.get(k).name())) {
                    positions[k] = c;
                }
            }
        }
        return positions;
    }
}
