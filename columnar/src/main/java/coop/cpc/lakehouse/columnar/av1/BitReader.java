package coop.cpc.lakehouse.columnar.av1;

/**
 * MSB-first bit reader over a byte range for the uncompressed headers (spec 4.10.2 and 8.1). Reading past
 * the end of the range is an {@link Av1FormatException} naming the syntax element.
 */
final class BitReader {
    private final byte[] buf;
    private final int end;
    private long bitPos;

    BitReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.end = end;
        this.bitPos = 8L * start;
    }

    int readBit(String element) throws Av1FormatException {
        if ((bitPos >>> 3) >= end) {
            throw new Av1FormatException("truncated: " + element + " runs past the end of its OBU at offset " + end);
        }
        int bit = (buf[(int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }

    long readBits(int n, String element) throws Av1FormatException {
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | readBit(element);
        }
        return value;
    }

    boolean readFlag(String element) throws Av1FormatException {
        return readBit(element) != 0;
    }

    /** Reads f(n) and requires the value {@code expected}; anything else is outside the subset. */
    void expect(int n, long expected, String element) throws Av1FormatException {
        int offset = byteOffset();
        long value = readBits(n, element);
        if (value != expected) {
            throw new Av1FormatException("unsupported " + element + " " + value + " at offset " + offset
                    + " (this decoder supports only " + expected + ")");
        }
    }

    /** byte_alignment(): the skipped bits must be zero. */
    void byteAlign(String element) throws Av1FormatException {
        while ((bitPos & 7) != 0) {
            int offset = byteOffset();
            if (readBit(element) != 0) {
                throw new Av1FormatException("non-zero " + element + " alignment bit at offset " + offset);
            }
        }
    }

    /** trailing_bits( obu_size * 8 - payloadBits ) of spec 5.3.4, checked up to {@code end}. */
    void trailingBits(String obuName) throws Av1FormatException {
        int offset = byteOffset();
        if (readBit(obuName + " trailing_one_bit") != 1) {
            throw new Av1FormatException("missing trailing one bit of " + obuName + " at offset " + offset);
        }
        while ((bitPos >>> 3) < end) {
            offset = byteOffset();
            if (readBit(obuName + " trailing_zero_bit") != 0) {
                throw new Av1FormatException("non-zero trailing bit after " + obuName + " at offset " + offset);
            }
        }
    }

    int byteOffset() {
        return (int) (bitPos >>> 3);
    }
}
