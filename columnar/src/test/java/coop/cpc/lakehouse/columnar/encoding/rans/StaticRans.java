package coop.cpc.lakehouse.columnar.encoding.rans;

/**
 * A prototype (issue 16 sixth round, not part of the format): a static order-0 rANS coder of small-alphabet
 * dictionary codes, byte-wise renormalisation, a 31-bit state kept in [2^23, 2^31), frequencies that sum to 2^15
 * derived from the exact symbol counts (which a chunk would carry, so that encoder and decoder agree). Measured
 * within 0.03 % of the order-0 entropy on the benchmark's category and currency codes ({@code
 * SmallAlphabetMeasurement}); its output is near-random bytes, which AV1 codes as narrow planes.
 */
public final class StaticRans {
    /** Frequencies sum to 2^SCALE_BITS. */
    public static final int SCALE_BITS = 15;

    /** At most this many symbols: every present one gets a frequency of at least 1 out of 2^15. */
    public static final int MAX_SYMBOLS = 256;

    private static final int SCALE = 1 << SCALE_BITS;
    private static final long LOWER = 1L << 23;
    private static final int STATE_BYTES = 4;

    private StaticRans() {}

    /**
     * The frequencies for these symbol counts: 1 + floor(c * (2^15 - k) / n) for each of the k present symbols, the
     * rest added to the most frequent symbol (the lowest on ties), 0 for absent ones. Null when the counts are not
     * a valid table: more than {@link #MAX_SYMBOLS} entries, a negative count, or no symbol at all.
     */
    public static int[] frequencies(long[] counts) {
        if (counts.length == 0 || counts.length > MAX_SYMBOLS) {
            return null;
        }
        long total = 0;
        int present = 0;
        int top = 0;
        for (int s = 0; s < counts.length; s++) {
            long c = counts[s];
            if (c < 0 || c > Integer.MAX_VALUE) {
                return null;
            }
            total += c;
            present += c > 0 ? 1 : 0;
            if (c > counts[top]) {
                top = s;
            }
        }
        if (present == 0) {
            return null;
        }
        int[] freq = new int[counts.length];
        long sum = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                freq[s] = (int) (1 + counts[s] * (SCALE - present) / total);
                sum += freq[s];
            }
        }
        freq[top] += (int) (SCALE - sum);
        return freq;
    }

    /** The codes (each in 0..freq.length-1 with a frequency above 0) coded with the frequencies. */
    public static byte[] encode(int[] codes, int[] freq) {
        int[] start = starts(freq);
        // Each symbol emits at most 2 bytes (its frequency is at least 1 of 2^15), plus the final state.
        byte[] buf = new byte[2 * codes.length + STATE_BYTES];
        int p = buf.length;
        long x = LOWER;
        for (int i = codes.length - 1; i >= 0; i--) {
            int s = codes[i];
            long f = freq[s];
            long max = ((LOWER >>> SCALE_BITS) << 8) * f;
            while (x >= max) {
                buf[--p] = (byte) x;
                x >>>= 8;
            }
            x = ((x / f) << SCALE_BITS) + (x % f) + start[s];
        }
        for (int k = 0; k < STATE_BYTES; k++) {
            buf[--p] = (byte) x;
            x >>>= 8;
        }
        return java.util.Arrays.copyOfRange(buf, p, buf.length);
    }

    /**
     * The {@code n} codes back from their coded bytes, or null when the bytes are not exactly what {@link #encode}
     * makes of n codes: too short, bytes left over, or a final state other than the initial one.
     */
    public static int[] decode(byte[] in, int length, int n, int[] freq) {
        if (length < STATE_BYTES || length > in.length || n < 0) {
            return null;
        }
        byte[] symbol = new byte[SCALE];
        int[] start = starts(freq);
        for (int s = 0; s < freq.length; s++) {
            java.util.Arrays.fill(symbol, start[s], start[s] + freq[s], (byte) s);
        }
        long x = 0;
        int p = 0;
        for (; p < STATE_BYTES; p++) {
            x = (x << 8) | (in[p] & 0xFF);
        }
        if (x < LOWER || x >= LOWER << 8) {
            return null;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int slot = (int) (x & (SCALE - 1));
            int s = symbol[slot] & 0xFF;
            out[i] = s;
            x = freq[s] * (x >>> SCALE_BITS) + slot - start[s];
            while (x < LOWER) {
                if (p >= length) {
                    return null;
                }
                x = (x << 8) | (in[p++] & 0xFF);
            }
        }
        return x == LOWER && p == length ? out : null;
    }

    private static int[] starts(int[] freq) {
        int[] start = new int[freq.length];
        int c = 0;
        for (int s = 0; s < freq.length; s++) {
            start[s] = c;
            c += freq[s];
        }
        return start;
    }
}
