package coop.cpc.lakehouse.columnar.webm;

import java.util.Arrays;

/** Reads what {@link ByteSink} writes; malformed input is an IllegalArgumentException. */
final class ByteSource {
    private final byte[] b;
    private int pos;

    ByteSource(byte[] b) {
        this.b = b;
    }

    long uv() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (shift == 63 && x > 1) {
                    throw new IllegalArgumentException("varint overflow");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    /** An unsigned varint that must fit an int in [0, max]. */
    int count(long max) {
        long v = uv();
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("count " + v + " out of range");
        }
        return (int) v;
    }

    long zv() {
        long u = uv();
        return (u >>> 1) ^ -(u & 1);
    }

    int u8() {
        if (pos >= b.length) {
            throw new IllegalArgumentException("chunk index truncated");
        }
        return b[pos++] & 0xFF;
    }

    long fixed(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    byte[] bytes(int n) {
        if (n > b.length - pos) {
            throw new IllegalArgumentException("chunk index truncated");
        }
        byte[] out = Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    boolean atEnd() {
        return pos == b.length;
    }
}
