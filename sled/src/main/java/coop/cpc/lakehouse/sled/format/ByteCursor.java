package coop.cpc.lakehouse.sled.format;

import java.util.Arrays;

/** Bounds-checked little-endian reads over a byte range; every overrun is a {@link MalformedPayloadException}. */
public final class ByteCursor {

    private final byte[] bytes;
    private final int end;
    private int position;

    public ByteCursor(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteCursor(byte[] bytes, int from, int to) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside " + bytes.length);
        }
        this.bytes = bytes;
        this.position = from;
        this.end = to;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    public int u8() {
        require(1, "byte");
        return bytes[position++] & 0xFF;
    }

    public long u32() {
        require(4, "u32");
        long value = (bytes[position] & 0xFFL)
                | (bytes[position + 1] & 0xFFL) << 8
                | (bytes[position + 2] & 0xFFL) << 16
                | (bytes[position + 3] & 0xFFL) << 24;
        position += 4;
        return value;
    }

    public long i64() {
        require(8, "i64");
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (bytes[position + i] & 0xFFL);
        }
        position += 8;
        return value;
    }

    /** sled's varint (see {@link Varint}); the result is an unsigned 64-bit value. */
    public long varint() {
        return Varint.read(this);
    }

    /** A varint that must fit a non-negative {@code int}, e.g. a length or a count. */
    public int varintAsInt(String what) {
        int start = position;
        long value = varint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new MalformedPayloadException(what + " " + Long.toUnsignedString(value) + " is too large", start);
        }
        return (int) value;
    }

    /** sled's IVec: a varint length, then that many bytes. */
    public byte[] ivec() {
        int start = position;
        int length = varintAsInt("byte string length");
        if (length > remaining()) {
            throw new MalformedPayloadException(
                    "byte string of " + length + " bytes runs past the end (" + remaining() + " left)", start);
        }
        return take(length);
    }

    public byte[] take(int length) {
        require(length, length + " bytes");
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    private void require(int count, String what) {
        if (count > end - position) {
            throw new MalformedPayloadException("truncated: expected " + what, position);
        }
    }

    int rawByte() {
        require(1, "byte");
        return bytes[position++] & 0xFF;
    }
}
