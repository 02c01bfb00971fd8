package coop.cpc.lakehouse.ingest.files;

import java.io.InputStream;

/**
 * Counts the bytes a parser pulls while it reads one record and fails with
 * {@link FileLimitExceededException} past a limit, so a single record can never hold more than
 * the limit in memory. The parser reads ahead by at most its buffer, so the count is the
 * record's length give or take that buffer: callers add the buffer to the limit, which then
 * never refuses a record within the limit.
 */
final class RecordBoundedInputStream extends CountingInputStream {

    /** More than any parser buffer above this stream (Jackson reads 8000 bytes at a time). */
    static final int READ_AHEAD_SLACK = 64 * 1024;

    private final long limit;
    private final String file;
    private final int maxRecordBytes;
    private long recordStart;
    private long recordNumber;

    RecordBoundedInputStream(InputStream in, int maxRecordBytes, String file) {
        super(in);
        this.maxRecordBytes = maxRecordBytes;
        this.limit = (long) maxRecordBytes + READ_AHEAD_SLACK;
        this.file = file;
    }

    /** A new record starts: count its bytes from here. */
    void startRecord(long number) {
        recordStart = count();
        recordNumber = number;
    }

    @Override
    protected void counted(long count) throws FileLimitExceededException {
        if (count - recordStart > limit) {
            throw new FileLimitExceededException(file + ": record " + recordNumber + " is longer than " + maxRecordBytes
                    + " bytes (maxRecordBytes)");
        }
    }
}
