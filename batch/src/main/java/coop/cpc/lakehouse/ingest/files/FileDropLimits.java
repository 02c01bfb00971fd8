package coop.cpc.lakehouse.ingest.files;

/**
 * How much a dropped file may hold. A file over {@code maxFileBytes} on disk is quarantined
 * unread; a gzip file whose content exceeds {@code maxDecompressedBytes} is quarantined when
 * reading reaches the limit, so a decompression bomb never fills memory or disk.
 */
public record FileDropLimits(long maxFileBytes, long maxDecompressedBytes) {

    /** 256 MiB on disk. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
    /** 1 GiB once decompressed. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;

    public FileDropLimits {
        if (maxFileBytes <= 0 || maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("file drop limits must be positive: maxFileBytes="
                    + maxFileBytes + ", maxDecompressedBytes=" + maxDecompressedBytes);
        }
    }

    public static FileDropLimits defaults() {
        return new FileDropLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES);
    }
}
