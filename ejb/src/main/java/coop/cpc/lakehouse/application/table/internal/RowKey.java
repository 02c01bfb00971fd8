package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import java.util.List;

/**
 * The canonical form of a primary key, equal for equal keys whatever segment (or request) they came from:
 * a single integer key column's value as a Long; otherwise each key column's value in the format's text
 * form, length-prefixed, as one string. A float's -0.0 is 0.0 there: the two are one key, as {@code rows(where:)} and
 * PostgreSQL's unique index treat them (every NaN is one key already: its text is {@code NaN}).
 */
public final class RowKey {

    private RowKey() {}

    /**
     * @param keyColumns the key's columns, in the key's order
     * @param values     a row
     * @param positions  where each key column's value is in {@code values}
     */
    public static Object of(List<Column> keyColumns, Object[] values, int[] positions) {
        if (positions.length == 1 && isInteger(keyColumns.get(0))) {
            // The common key, one integer column: the value itself (no text to build per row).
            Object value = values[positions[0]];
            return value instanceof Integer i ? Long.valueOf(i) : value;
        }
        StringBuilder key = new StringBuilder();
        for (int k = 0; k < positions.length; k++) {
            Object value = values[positions[k]];
            String text = value == null ? "" : Values.format(keyColumns.get(k).type(), SegmentScan.unsignedZero(value));
            key.append(value == null ? -1 : text.length()).append(':').append(text);
        }
        return key.toString();
    }

    /** Whether the key is one integer column, whose canonical form is the value as a Long. */
    static boolean isSingleInteger(List<Column> keyColumns) {
        return keyColumns.size() == 1 && isInteger(keyColumns.get(0));
    }

    private static boolean isInteger(Column column) {
        var kind = column.type().kind();
        return kind == coop.cpc.lakehouse.columnar.ColumnType.Kind.INT32
                || kind == coop.cpc.lakehouse.columnar.ColumnType.Kind.INT64;
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
