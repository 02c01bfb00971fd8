package coop.cpc.lakehouse.columnar.csv;

import java.io.IOException;

/** A CSV input that does not fit its schema; the message names the line and, if known, the column. */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String column;

    public CsvFormatException(long line, String column, String problem) {
        super("line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    /** The column's name, or null when the problem is the whole line. */
    public String column() {
        return column;
    }
}
