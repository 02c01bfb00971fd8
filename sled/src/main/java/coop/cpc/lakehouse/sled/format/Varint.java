package coop.cpc.lakehouse.sled.format;

/**
 * sled's own variable-length integer (not LEB128). The first byte b0 decides:
 * b0 &lt;= 240 is the value; 241..248 add one more byte; 249 adds two; 250..255 are followed by
 * (b0 - 247) little-endian bytes.
 */
public final class Varint {

    private Varint() {}

    static long read(ByteCursor cursor) {
        int b0 = cursor.rawByte();
        if (b0 <= 240) {
            return b0;
        }
        if (b0 <= 248) {
            return 240 + 256L * (b0 - 241) + cursor.rawByte();
        }
        if (b0 == 249) {
            int b1 = cursor.rawByte();
            int b2 = cursor.rawByte();
            return 2288 + 256L * b1 + b2;
        }
        int size = b0 - 247;
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) cursor.rawByte() << (8 * i);
        }
        return value;
    }

    /** Decodes one varint from the start of {@code bytes}. */
    public static long decode(byte[] bytes) {
        return read(new ByteCursor(bytes));
    }
}
