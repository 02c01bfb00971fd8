package coop.cpc.lakehouse.ingest.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that counts the bytes read or skipped through it and hands each new count to {@link #counted}, which
 * may refuse to go on.
 */
abstract class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read or skipped through this stream so far. */
    final long count() {
        return count;
    }

    /** Called after more bytes went through, with {@link #count()}; throws to stop the reader. */
    protected abstract void counted(long count) throws IOException;

    private void add(long n) throws IOException {
        count += n;
        counted(count);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }
}
