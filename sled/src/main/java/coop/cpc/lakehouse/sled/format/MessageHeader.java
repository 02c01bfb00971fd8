package coop.cpc.lakehouse.sled.format;

/**
 * A log message header: {@code crc32 u32 | kind u8 | len varint | segment_number varint | pid varint}.
 * {@code length} is the encoded size of the header itself.
 */
public record MessageHeader(long crc, MessageKind kind, long bodyLength, long segmentNumber, long pid, int length) {

    /** No message header is longer than this (sled never starts a message in a segment's last 32 bytes). */
    public static final int MAX_LENGTH = 32;

    public static MessageHeader parse(byte[] bytes, int from, int to) {
        ByteCursor cursor = new ByteCursor(bytes, from, to);
        long crc = cursor.u32();
        MessageKind kind = MessageKind.fromId(cursor.u8());
        long length = cursor.varint();
        long segmentNumber = cursor.varint();
        long pid = cursor.varint();
        return new MessageHeader(crc, kind, length, segmentNumber, pid, cursor.position() - from);
    }
}
