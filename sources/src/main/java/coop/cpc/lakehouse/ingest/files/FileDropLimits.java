package coop.cpc.lakehouse.ingest.files;

/**
 * How much a dropped file may hold. A file over {@code maxFileBytes} on disk is quarantined
 * unread; a gzip file whose content exceeds {@code maxDecompressedBytes}, or that inflates more
 * than {@value #MAX_COMPRESSION_RATIO}:1 once past {@value #RATIO_CHECK_AFTER_BYTES} bytes, is
 * quarantined when reading reaches the limit, so a decompression bomb never fills memory or disk.
 * No record (a CSV record, an NDJSON line, an element of a JSON array) may hold more than
 * {@code maxRecordBytes}: a longer one means the file cannot be read as records, and it is
 * quarantined, so memory per record stays bounded whatever the file holds.
 *
 * <p>Each limit has an upper bound a job may not exceed ({@code MAX_*}).
 */
public record FileDropLimits(long maxFileBytes, long maxDecompressedBytes, int maxRecordBytes) {

    /** 256 MiB on disk. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
    /** 1 GiB once decompressed. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;
    /** 1 MiB per record. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /** Upper bound of maxFileBytes: 16 GiB. */
    public static final long MAX_FILE_BYTES = 16L << 30;
    /** Upper bound of maxDecompressedBytes: 64 GiB. */
    public static final long MAX_DECOMPRESSED_BYTES = 64L << 30;
    /** Upper bound of maxRecordBytes: 64 MiB. */
    public static final int MAX_RECORD_BYTES = 64 << 20;
    /** Decompressed bytes per compressed byte beyond which a gzip file is a bomb. */
    public static final int MAX_COMPRESSION_RATIO = 200;
    /** The ratio is checked only once this much was decompressed, so small files never trip it. */
    public static final long RATIO_CHECK_AFTER_BYTES = 8L << 20;

    public FileDropLimits {
        check("maxFileBytes", maxFileBytes, MAX_FILE_BYTES);
        check("maxDecompressedBytes", maxDecompressedBytes, MAX_DECOMPRESSED_BYTES);
        check("maxRecordBytes", maxRecordBytes, MAX_RECORD_BYTES);
    }

    public FileDropLimits(long maxFileBytes, long maxDecompressedBytes) {
        this(maxFileBytes, maxDecompressedBytes, DEFAULT_MAX_RECORD_BYTES);
    }

    /** @throws IllegalArgumentException naming the limit and its bounds */
    public static void check(String name, long value, long upperBound) {
        if (value < 1 || value > upperBound) {
            throw new IllegalArgumentException(name + " must be from 1 to " + upperBound + ", not " + value);
        }
    }

    public static FileDropLimits defaults() {
        return new FileDropLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_RECORD_BYTES);
    }
}
