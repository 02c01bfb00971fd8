package coop.cpc.lakehouse.ingest.files;

import java.io.InputStream;

/** Fails with {@link FileLimitExceededException} once more than a limit of bytes was read. */
final class LimitedInputStream extends CountingInputStream {

    private final long limit;
    private final String what;

    /** @param what the start of the message, e.g. {@code "a.csv.gz: decompressed size"} */
    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    protected void counted(long count) throws FileLimitExceededException {
        if (count > limit) {
            throw new FileLimitExceededException(what + " exceeds " + limit + " bytes");
        }
    }
}
