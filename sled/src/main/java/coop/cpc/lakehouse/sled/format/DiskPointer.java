package coop.cpc.lakehouse.sled.format;

/** Where a page fragment is stored: a message in the {@code db} log, or a blob file it points to. */
public sealed interface DiskPointer {

    /** File offset of the log message. */
    long logOffset();

    record Inline(long logOffset) implements DiskPointer {}

    record Blob(long logOffset, long blobLsn) implements DiskPointer {}

    /** {@code 0 Inline(offset varint)} or {@code 1 Blob(offset varint, blob_lsn i64)}. */
    static DiskPointer read(ByteCursor cursor) {
        int start = cursor.position();
        int tag = cursor.u8();
        return switch (tag) {
            case 0 -> new Inline(cursor.varint());
            case 1 -> new Blob(cursor.varint(), cursor.i64());
            default -> throw new MalformedPayloadException("unknown disk pointer tag " + tag, start);
        };
    }

    /** Reads past a pointer whose target is not needed (a freed page's), checking it as {@link #read} does. */
    static void skip(ByteCursor cursor) {
        int start = cursor.position();
        int tag = cursor.u8();
        switch (tag) {
            case 0 -> cursor.varint();
            case 1 -> {
                cursor.varint();
                cursor.i64();
            }
            default -> throw new MalformedPayloadException("unknown disk pointer tag " + tag, start);
        }
    }
}
