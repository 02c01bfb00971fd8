package coop.cpc.lakehouse.ingest.files;

import java.io.InputStream;

/**
 * Fails with {@link FileLimitExceededException} once more than a limit of bytes was read. Over the decompressed
 * bytes of a gzip file ({@link #decompressed}) it also refuses, once past
 * {@link FileDropLimits#RATIO_CHECK_AFTER_BYTES}, more than {@link FileDropLimits#MAX_COMPRESSION_RATIO} times the
 * compressed bytes read so far: a bomb is caught by its ratio early, not only when it reaches the size limit.
 */
final class LimitedInputStream extends CountingInputStream {

    private final long limit;
    private final String file;
    private final String what;
    /** The file's compressed bytes, or null where no ratio is checked. */
    private final LimitedInputStream compressed;

    private LimitedInputStream(InputStream in, long limit, String file, String what, LimitedInputStream compressed) {
        super(in);
        this.limit = limit;
        this.file = file;
        this.what = what;
        this.compressed = compressed;
    }

    /** The bytes of a file as stored: "{@code file}: file size exceeds {@code limit} bytes" past the limit. */
    static LimitedInputStream fileSize(InputStream in, long limit, String file) {
        return new LimitedInputStream(in, limit, file, "file size", null);
    }

    /**
     * The decompressed bytes of a gzip file whose stored bytes {@code compressed} counts: "{@code file}: decompressed
     * size exceeds {@code limit} bytes" past the limit, or refused as a decompression bomb by their ratio first.
     */
    static LimitedInputStream decompressed(InputStream in, long limit, LimitedInputStream compressed, String file) {
        return new LimitedInputStream(in, limit, file, "decompressed size", compressed);
    }

    @Override
    protected void counted(long count) throws FileLimitExceededException {
        if (compressed != null
                && count > FileDropLimits.RATIO_CHECK_AFTER_BYTES
                && count > FileDropLimits.MAX_COMPRESSION_RATIO * Math.max(1, compressed.count())) {
            throw new FileLimitExceededException(file + ": decompresses more than "
                    + FileDropLimits.MAX_COMPRESSION_RATIO + " times its compressed size (a decompression bomb)");
        }
        if (count > limit) {
            throw new FileLimitExceededException(file + ": " + what + " exceeds " + limit + " bytes");
        }
    }
}
