package coop.cpc.lakehouse.sled.format;

/** The kind byte of a log message, with sled 0.34's wire ids. */
public enum MessageKind {
    CORRUPTED(0),
    CANCELED(1),
    CAP(2),
    BATCH_MANIFEST(3),
    FREE(4),
    COUNTER(5),
    INLINE_META(6),
    BLOB_META(7),
    INLINE_NODE(8),
    BLOB_NODE(9),
    INLINE_LINK(10),
    BLOB_LINK(11);

    private static final MessageKind[] BY_ID = values();

    private final int id;

    MessageKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Unknown ids read as {@link #CORRUPTED}, as in sled. */
    public static MessageKind fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : CORRUPTED;
    }

    /** The page lives in {@code blobs/<lsn>} and the log body is only the blob's LSN. */
    public boolean isBlob() {
        return this == BLOB_META || this == BLOB_NODE || this == BLOB_LINK;
    }

    /** Replaces a page's whole content (a new base). */
    public boolean isReplace() {
        return this == INLINE_NODE || this == BLOB_NODE || this == INLINE_META || this == BLOB_META || this == COUNTER;
    }

    /** A delta appended to a page. */
    public boolean isLink() {
        return this == INLINE_LINK || this == BLOB_LINK;
    }

    public boolean isNode() {
        return this == INLINE_NODE || this == BLOB_NODE;
    }

    public boolean isMeta() {
        return this == INLINE_META || this == BLOB_META;
    }
}
