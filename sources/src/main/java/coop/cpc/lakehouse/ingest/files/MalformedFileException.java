package coop.cpc.lakehouse.ingest.files;

/**
 * A file cannot be parsed at all: broken CSV quoting, a JSON syntax error, a header that cannot
 * feed the schema, invalid UTF-8, a corrupt gzip stream. The message names the file and, when
 * known, the line and column.
 */
public class MalformedFileException extends RejectedFileException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final long column;

    /**
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     */
    public MalformedFileException(String file, long line, long column, String problem, Throwable cause) {
        super(file + where(line, column) + ": " + problem, cause);
        this.line = line;
        this.column = column;
    }

    private static String where(long line, long column) {
        if (line <= 0) {
            return "";
        }
        return column <= 0 ? " line " + line : " line " + line + ", column " + column;
    }

    /** 1-based, or 0 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based, or 0 when unknown. */
    public long column() {
        return column;
    }
}
