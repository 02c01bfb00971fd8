package coop.cpc.lakehouse.sled.log;

/**
 * The CRC-32 (as {@link java.util.zip.CRC32} computes it) of any range of a byte array, after one pass over it: the
 * CRCs of every prefix, and zlib's {@code crc32_combine} arithmetic to take one prefix's CRC out of a longer one. A
 * scan that tries a message at every offset checks each claimed body in about 700 steps instead of reading it.
 */
final class RangeCrc {

    /** The CRC-32 polynomial, reflected. */
    private static final int POLY = 0xEDB8_8320;

    private static final int[] BYTE_TABLE = new int[256];

    /** {@code x^(2^n)} modulo the polynomial. */
    private static final int[] X2N = new int[32];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            BYTE_TABLE[n] = c;
        }
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) {
            p = multiplyModP(p, p);
            X2N[n] = p;
        }
    }

    /** {@code prefix[i]} is the CRC-32 of the first {@code i} bytes. */
    private final int[] prefix;

    RangeCrc(byte[] bytes, int length) {
        prefix = new int[length + 1];
        int register = 0xFFFF_FFFF;
        for (int i = 0; i < length; i++) {
            register = BYTE_TABLE[(register ^ bytes[i]) & 0xFF] ^ (register >>> 8);
            prefix[i + 1] = ~register;
        }
    }

    /** The CRC-32 of bytes {@code from} (inclusive) to {@code to} (exclusive). */
    long of(int from, int to) {
        return (prefix[to] ^ multiplyModP(xPowerEightN(to - from), prefix[from])) & 0xFFFF_FFFFL;
    }

    /** The CRC-32 of {@code a ‖ b} from the CRC-32 of each and the length of {@code b} (zlib's crc32_combine). */
    static long combine(long crcA, long crcB, long lengthB) {
        return (multiplyModP(xPowerEightN(lengthB), (int) crcA) ^ (int) crcB) & 0xFFFF_FFFFL;
    }

    /** {@code x^(8n)} modulo the polynomial: appending n zero bytes. */
    private static int xPowerEightN(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiplyModP(X2N[k & 31], p);
            }
        }
        return p;
    }

    /** {@code a * b} modulo the polynomial, both reflected; {@code a} is never 0 here (a power of x). */
    private static int multiplyModP(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        while (m != 0) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }
}
