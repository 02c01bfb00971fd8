package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;

/**
 * An upper bound of the bytes a row adds to a JSON response: each value as its text, quoted and
 * escaped (a control character takes six bytes, a character outside ASCII up to three).
 */
public final class ResponseSize {
    /** {"values":[ ... ]}, plus a separating comma. */
    static final int ROW_OVERHEAD = 14;
    /** null, plus a separating comma. */
    static final int NULL_VALUE = 5;

    private ResponseSize() {}

    public static long ofRow(java.util.List<Column> columns, Object[] row) {
        long bytes = ROW_OVERHEAD;
        for (int c = 0; c < row.length; c++) {
            bytes += row[c] == null
                    ? NULL_VALUE
                    : 3 + jsonLength(Values.format(columns.get(c).type(), row[c]));
        }
        return bytes;
    }

    /** The bytes a text adds to a JSON response between its quotes. */
    public static long jsonLength(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x20
                    ? 6
                    : c == '"' || c == '\\' ? 2 : c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
