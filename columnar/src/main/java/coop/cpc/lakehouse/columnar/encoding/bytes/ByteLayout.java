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

    /**
     * The section 5.2 costs of the six transforms of {@link #bytes(byte[][], boolean)}, in {@link
     * coop.cpc.lakehouse.columnar.encoding.Transform}'s declaration order, without laying the bytes out: one
     * pass fills histograms of the bytes and of their first and second differences (a byte stream has at most
     * 256, 511 and 1,021 distinct ones), and the costs are summed over those.
     */
    public static long[] costs(byte[][] values, boolean positionMajor) {
        long[] h0 = new long[256];
        long[] h1 = new long[511];
        long[] h2 = new long[1021];
        if (positionMajor) {
            countByPosition(values, h0, h1, h2);
        } else {
            long i = 0;
            int prev = 0;
            int prevDelta = 0;
            for (byte[] v : values) {
                for (byte x : v) {
                    int b = x & 0xFF;
                    int d1 = b - prev;
                    h0[b]++;
                    if (i >= 1) {
                        h1[d1 + 255]++;
                    }
                    if (i >= 2) {
                        h2[d1 - prevDelta + 510]++;
                    }
                    i++;
                    prev = b;
                    prevDelta = d1;
                }
            }
        }
        return new long[] {
            forCost(h0), zigZagCost(h0, 0), forCost(h1), zigZagCost(h1, 255), forCost(h2), zigZagCost(h2, 510)
        };
    }

    /**
     * The histograms of the position-major stream, read value by value (memory order) instead of position by
     * position: each position's run of bytes is differenced on its own, and the differences that cross from
     * one position's run to the next (which need the previous run's last byte) are added at the end. The
     * positions that already hold two bytes are a prefix (every value longer than j also has a byte at each
     * position before j), so a value's bytes there go through a loop without a branch; only the first and
     * second byte of a position are special.
     */
    private static void countByPosition(byte[][] values, long[] h0, long[] h1, long[] h2) {
        int maxLen = 0;
        for (byte[] v : values) {
            maxLen = Math.max(maxLen, v.length);
        }
        int[] last = new int[maxLen];
        int[] lastDelta = new int[maxLen];
        int[] first = new int[maxLen];
        int[] second = new int[maxLen];
        int[] longer = new int[maxLen + 1]; // values of each length, then of at least each length
        int once = 0; // positions [0, once) hold at least one byte
        int twice = 0; // positions [0, twice) hold at least two
        for (byte[] v : values) {
            int n = v.length;
            longer[n]++;
            int steady = Math.min(n, twice);
            for (int j = 0; j < steady; j++) {
                int b = v[j] & 0xFF;
                int d1 = b - last[j];
                h0[b]++;
                h1[d1 + 255]++;
                h2[d1 - lastDelta[j] + 510]++;
                lastDelta[j] = d1;
                last[j] = b;
            }
            int secondUpTo = Math.min(n, once);
            for (int j = steady; j < secondUpTo; j++) {
                int b = v[j] & 0xFF;
                int d1 = b - last[j];
                h0[b]++;
                h1[d1 + 255]++;
                second[j] = b;
                lastDelta[j] = d1;
                last[j] = b;
            }
            for (int j = secondUpTo; j < n; j++) {
                int b = v[j] & 0xFF;
                h0[b]++;
                first[j] = b;
                last[j] = b;
            }
            twice = Math.max(twice, secondUpTo);
            once = Math.max(once, n);
        }
        int[] count = new int[maxLen];
        int atLeast = 0;
        for (int len = maxLen; len >= 1; len--) {
            atLeast += longer[len];
            count[len - 1] = atLeast;
        }
        // Position 0's run starts the stream (no difference before its first byte, no second difference before
        // its third); every later run's first byte follows the previous run's last one.
        long offset = count.length > 0 ? count[0] : 0;
        int prevRunLastDelta = 0;
        for (int j = 1; j < maxLen; j++) {
            int runLastDelta = count[j - 1] >= 2 ? lastDelta[j - 1] : prevRunLastDelta;
            int boundary = first[j] - last[j - 1];
            h1[boundary + 255]++;
            if (offset >= 2) {
                h2[boundary - runLastDelta + 510]++;
            }
            if (count[j] >= 2) {
                h2[(second[j] - first[j]) - boundary + 510]++;
            }
            prevRunLastDelta = boundary;
            offset += count[j];
        }
    }

    /** Sum of bitLength(r - min) + 1 over a histogram of r (shifted by a constant, which FOR removes). */
    private static long forCost(long[] h) {
        int min = 0;
        while (min < h.length && h[min] == 0) {
            min++;
        }
        long c = 0;
        for (int v = min; v < h.length; v++) {
            if (h[v] != 0) {
                c += h[v] * bits(v - min);
            }
        }
        return c;
    }

    /** Sum of bitLength(zigzag(r)) + 1 over a histogram of r + offset. */
    private static long zigZagCost(long[] h, int offset) {
        long c = 0;
        for (int v = 0; v < h.length; v++) {
            if (h[v] != 0) {
                int r = v - offset;
                c += h[v] * bits((r << 1) ^ (r >> 31));
            }
        }
        return c;
    }

    private static int bits(int u) {
        return 33 - Integer.numberOfLeadingZeros(u);
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
