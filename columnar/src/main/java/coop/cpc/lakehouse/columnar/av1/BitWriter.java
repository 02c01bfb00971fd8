package coop.cpc.lakehouse.columnar.av1;

import java.util.Arrays;

/** MSB-first bit writer for the uncompressed headers, the f(n) descriptor of spec section 4.10.2. */
final class BitWriter {
    private byte[] buf = new byte[64];
    private long bitPos;

    void writeBit(int bit) {
        int byteIndex = (int) (bitPos >>> 3);
        if (byteIndex >= buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (bit != 0) {
            buf[byteIndex] |= (byte) (0x80 >>> (bitPos & 7));
        }
        bitPos++;
    }

    void writeBits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            writeBit((int) (value >>> i) & 1);
        }
    }

    void writeFlag(boolean flag) {
        writeBit(flag ? 1 : 0);
    }

    /** byte_alignment(): zero bits up to the next byte boundary (spec 5.3.5). */
    void byteAlign() {
        while ((bitPos & 7) != 0) {
            writeBit(0);
        }
    }

    /** trailing_bits(): a one bit, then zero bits up to the byte boundary (spec 5.3.4). */
    void trailingBits() {
        writeBit(1);
        byteAlign();
    }

    void writeBytes(byte[] bytes) {
        if ((bitPos & 7) != 0) {
            throw new IllegalStateException("unaligned");
        }
        int at = (int) (bitPos >>> 3);
        if (at + bytes.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + bytes.length));
        }
        System.arraycopy(bytes, 0, buf, at, bytes.length);
        bitPos += 8L * bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bitPos + 7) >>> 3));
    }
}
