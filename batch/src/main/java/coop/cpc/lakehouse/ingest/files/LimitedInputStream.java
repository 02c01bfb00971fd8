package coop.cpc.lakehouse.ingest.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link FileLimitExceededException} once more than a limit of bytes was read. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    /** @param what the start of the message, e.g. {@code "a.csv.gz: decompressed size"} */
    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    private void count(long n) throws FileLimitExceededException {
        count += n;
        if (count > limit) {
            throw new FileLimitExceededException(what + " exceeds " + limit + " bytes");
        }
    }
}
