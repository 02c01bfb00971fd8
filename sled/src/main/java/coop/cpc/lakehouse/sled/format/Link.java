package coop.cpc.lakehouse.sled.format;

/**
 * A delta appended to a page. Keys are prefix-encoded like the keys of the node they apply to.
 * Wire format: tag byte, then 0 Set(key, value), 1 Del(key), 2 ParentMergeIntention(pid),
 * 3 ParentMergeConfirm, 4 ChildMergeCap.
 */
public sealed interface Link {

    record Set(byte[] encodedKey, byte[] value) implements Link {}

    record Del(byte[] encodedKey) implements Link {}

    record ParentMergeIntention(long childPid) implements Link {}

    record ParentMergeConfirm() implements Link {}

    record ChildMergeCap() implements Link {}

    static Link parse(byte[] payload) {
        ByteCursor cursor = new ByteCursor(payload);
        int tag = cursor.u8();
        return switch (tag) {
            case 0 -> new Set(cursor.ivec(), cursor.ivec());
            case 1 -> new Del(cursor.ivec());
            case 2 -> new ParentMergeIntention(cursor.varint());
            case 3 -> new ParentMergeConfirm();
            case 4 -> new ChildMergeCap();
            default -> throw new MalformedPayloadException("unknown link tag " + tag, 0);
        };
    }
}
