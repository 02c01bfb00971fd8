package coop.cpc.lakehouse.ingest.files;

import java.io.InputStream;

/**
 * Refuses a gzip stream that inflates more than {@link FileDropLimits#MAX_COMPRESSION_RATIO}
 * times the compressed bytes read so far, once past {@link FileDropLimits#RATIO_CHECK_AFTER_BYTES}:
 * a bomb is caught by its ratio early, not only when it reaches the decompressed size limit.
 */
final class DecompressionRatioGuard extends CountingInputStream {

    private final LimitedInputStream compressed;
    private final String file;

    DecompressionRatioGuard(InputStream decompressed, LimitedInputStream compressed, String file) {
        super(decompressed);
        this.compressed = compressed;
        this.file = file;
    }

    @Override
    protected void counted(long inflated) throws FileLimitExceededException {
        if (inflated > FileDropLimits.RATIO_CHECK_AFTER_BYTES
                && inflated > FileDropLimits.MAX_COMPRESSION_RATIO * Math.max(1, compressed.count())) {
            throw new FileLimitExceededException(file + ": decompresses more than "
                    + FileDropLimits.MAX_COMPRESSION_RATIO + " times its compressed size (a decompression bomb)");
        }
    }
}
