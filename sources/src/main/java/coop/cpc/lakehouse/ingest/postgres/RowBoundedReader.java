package coop.cpc.lakehouse.ingest.postgres;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters the CSV parser pulls for one COPY row and refuses past a limit, so one
 * enormous row cannot fill the heap through the parser's buffers. The parser reads ahead by at
 * most its buffer, which the limit allows on top.
 */
final class RowBoundedReader extends FilterReader {

    /** A row longer than the limit. */
    static final class RowTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        RowTooLongException() {
            super("row too long");
        }
    }

    private static final int READ_AHEAD_SLACK = 64 * 1024;

    private final int limit;
    private long count;

    RowBoundedReader(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    void startRow() {
        count = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws RowTooLongException {
        count += n;
        if (count > (long) limit + READ_AHEAD_SLACK) {
            throw new RowTooLongException();
        }
    }
}
