package coop.cpc.lakehouse.columnar.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters read since the last record was parsed and fails the read once they exceed
 * the bound. Reads are cut to {@value #CHUNK} characters, so the parser's look-ahead is at most that
 * on either side: a record of up to {@code max} characters always passes, one is refused before it
 * is {@code max + 2 * CHUNK} long.
 */
final class RecordBoundReader extends FilterReader {
    static final int CHUNK = 8192;

    private final long max;
    private long delivered;
    private long atLastRecord;

    RecordBoundReader(Reader in, int max) {
        super(in);
        this.max = max;
    }

    /** The parser has handed out a record: the next one starts counting. */
    void recordDone() {
        atLastRecord = delivered;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) == -1 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (delivered - atLastRecord > max + CHUNK) {
            throw new IOException("a record longer than " + max + " characters (an unterminated quote?)");
        }
        int n = in.read(buf, off, Math.min(len, CHUNK));
        if (n > 0) {
            delivered += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] sink = new char[(int) Math.min(n, CHUNK)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
        throw new IOException("mark not supported");
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("reset not supported");
    }
}
