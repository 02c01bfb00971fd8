package coop.cpc.lakehouse.columnar.encoding.bytes;

/**
 * The bytes of a list of strings or byte arrays as one stream (section 5.1): value after
 * value (row-major), or position after position (position-major: every value's first byte,
 * then every second byte, ...), which lines up ids and codes that share their structure, like
 * Parquet's byte-stream split does for fixed-width values.
 */
public final class ByteLayout {
    private ByteLayout() {}

    public static long[] lengths(byte[][] values) {
        long[] lengths = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            lengths[i] = values[i].length;
        }
        return lengths;
    }

    public static long[] bytes(byte[][] values, boolean positionMajor) {
        int total = 0;
        int maxLen = 0;
        for (byte[] v : values) {
            total += v.length;
            maxLen = Math.max(maxLen, v.length);
        }
        long[] out = new long[total];
        int p = 0;
        if (positionMajor) {
            for (int j = 0; j < maxLen; j++) {
                for (byte[] v : values) {
                    if (v.length > j) {
                        out[p++] = v[j] & 0xFF;
                    }
                }
            }
        } else {
            for (byte[] v : values) {
                for (byte x : v) {
                    out[p++] = x & 0xFF;
                }
            }
        }
        return out;
    }

    /** The values from their lengths and bytes; null if they do not add up or a byte is out of range. */
    public static byte[][] values(long[] lengths, long[] bytes, boolean positionMajor) {
        byte[][] out = new byte[lengths.length][];
        long total = 0;
        long maxLen = 0;
        for (int i = 0; i < lengths.length; i++) {
            long len = lengths[i];
            if (len < 0 || len > bytes.length - total) {
                return null;
            }
            out[i] = new byte[(int) len];
            total += len;
            maxLen = Math.max(maxLen, len);
        }
        if (total != bytes.length) {
            return null;
        }
        int p = 0;
        if (positionMajor) {
            for (int j = 0; j < maxLen; j++) {
                for (byte[] v : out) {
                    if (v.length > j) {
                        long b = bytes[p++];
                        if (b < 0 || b > 255) {
                            return null;
                        }
                        v[j] = (byte) b;
                    }
                }
            }
        } else {
            for (byte[] v : out) {
                for (int j = 0; j < v.length; j++) {
                    long b = bytes[p++];
                    if (b < 0 || b > 255) {
                        return null;
                    }
                    v[j] = (byte) b;
                }
            }
        }
        return out;
    }
}
