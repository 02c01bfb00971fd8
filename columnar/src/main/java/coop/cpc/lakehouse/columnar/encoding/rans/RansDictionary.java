package coop.cpc.lakehouse.columnar.encoding.rans;

import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import java.io.ByteArrayOutputStream;

/**
 * The one stream of a RANS_DICTIONARY chunk (section 5.1, format version 4): the entry count, each entry's
 * length, bytes and count (unsigned LEB128 numbers), then the codes coded by {@link StaticRans} with the
 * frequencies of those counts, all packed big-endian into 48-bit words as DEFLATE_BYTES packs its bytes. One
 * stream, not four: small streams sharing superblocks with the coded bytes' narrow planes cost AV1 more than
 * the same bytes inside them (measured: issue 16 sixth round).
 */
public final class RansDictionary {
    /**
     * What AV1 palettes spend on dictionary codes drawn independently, over their order-0 entropy, at least:
     * measured 1.08 (12 values) and 1.10 (3 values) on the benchmark's columns.
     */
    static final double PALETTE_OVER_ENTROPY = 1.05;

    /**
     * What AV1 narrow planes spend on near-random bytes, over the bytes: measured 1.011 (88,000 bytes a frame)
     * to 1.029 (11,000).
     */
    static final double NARROW_PLANES_OVER_BYTES = 1.02;

    /**
     * Bytes of a stream at most: its words are one stream of at most 2^28 values (section 6.1,
     * ChunkDescriptor.MAX_STREAM_LENGTH), 6 bytes each. Below Java's largest array, so the writer refuses a
     * longer stream with this bound's message, not with an OutOfMemoryError.
     */
    static final long MAX_STREAM_BYTES = 6L << 28;

    private RansDictionary() {}

    /** The entries and each value's code, back from the stream. */
    public record Decoded(byte[][] entries, int[] codes) {}

    /**
     * The stream's bytes when RANS_DICTIONARY is estimated cheaper than DICTIONARY for these entries and codes,
     * else null (section 5.1, "choice"). Both carry the entries; the estimate compares the codes: the coded bits
     * of the frequencies ({@link StaticRans#codedBits}, within 5 bytes of the coded length) plus the state and the
     * counts, times {@link #NARROW_PLANES_OVER_BYTES}, against {@link #PALETTE_OVER_ENTROPY} times the codes'
     * order-0 entropy, or less when neighbours repeat more than independent draws would: n * (h(r) + (1 - r) *
     * H0) bits for a share r of codes equal to the one before (h the binary entropy), which AV1's palette
     * contexts exploit and rANS does not. Costs one pass over the codes and a logarithm per entry; the codes are
     * coded only when chosen.
     */
    public static byte[] encodeIfCheaper(byte[][] entries, long[] codes) {
        int k = entries.length;
        int n = codes.length;
        if (k == 0
                || k > StaticRans.MAX_SYMBOLS
                || n < 2
                // At most 2 coded bytes a code and the state (StaticRans): a stream encode would refuse.
                || lengthBound(entries, 2L * n + StaticRans.STATE_BYTES) > MAX_STREAM_BYTES) {
            return null;
        }
        long[] counts = new long[k];
        long repeats = 0;
        long previous = -1;
        for (long c : codes) {
            counts[(int) c]++;
            repeats += c == previous ? 1 : 0;
            previous = c;
        }
        int[] freq = StaticRans.frequencies(counts);
        if (freq == null) {
            return null;
        }
        double entropy = 0;
        int countBytes = 0;
        for (long c : counts) {
            entropy += c * log2((double) n / c);
            countBytes += uvLength(c);
        }
        double r = repeats / (double) (n - 1);
        double binary = r <= 0 || r >= 1 ? 0 : -(r * log2(r) + (1 - r) * log2(1 - r));
        double palette = PALETTE_OVER_ENTROPY * Math.min(entropy, n * binary + (1 - r) * entropy);
        double rans = NARROW_PLANES_OVER_BYTES
                * (StaticRans.codedBits(counts, freq) + 8.0 * (StaticRans.STATE_BYTES + 1 + countBytes));
        return rans < palette ? encode(entries, codes, counts, freq) : null;
    }

    /** The stream's bytes for these entries (1..{@link StaticRans#MAX_SYMBOLS}, each used) and codes. */
    public static byte[] encode(byte[][] entries, long[] codes) {
        long[] counts = new long[entries.length];
        for (long c : codes) {
            counts[(int) c]++;
        }
        int[] freq = StaticRans.frequencies(counts);
        if (freq == null) {
            throw new IllegalArgumentException("entries must be 1.." + StaticRans.MAX_SYMBOLS + ", each used");
        }
        return encode(entries, codes, counts, freq);
    }

    private static byte[] encode(byte[][] entries, long[] codes, long[] counts, int[] freq) {
        int[] symbols = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            symbols[i] = (int) codes[i];
        }
        byte[] coded = StaticRans.encode(symbols, freq);
        long length = lengthBound(entries, coded.length);
        if (length > MAX_STREAM_BYTES) {
            throw new IllegalArgumentException("rANS dictionary stream of up to " + length + " bytes, more than "
                    + MAX_STREAM_BYTES + " (2^28 words of 6 bytes)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(coded.length + 16 * entries.length + 8);
        uv(out, entries.length);
        for (int e = 0; e < entries.length; e++) {
            uv(out, entries[e].length);
            out.writeBytes(entries[e]);
            uv(out, counts[e]);
        }
        out.writeBytes(coded);
        return out.toByteArray();
    }

    /** The stream's bytes at most: each LEB128 number takes at most 10, so it is checked before the buffer grows. */
    private static long lengthBound(byte[][] entries, long codedBytes) {
        long total = codedBytes + 10L * (1 + 2L * entries.length);
        for (byte[] e : entries) {
            total += e.length;
        }
        return total;
    }

    /**
     * The entries and codes back from the stream's words and its length in bytes (the chunk's param), for
     * {@code present} values. Refuses with an IllegalArgumentException naming the problem: words that do not
     * hold exactly that many bytes (a word above 2^48, padding not zero), an entry count outside 1..min({@link
     * StaticRans#MAX_SYMBOLS}, present), a number not in minimal LEB128 or past the end, an entry longer than the
     * bytes left, a count below 1 or counts that do not sum to {@code present}, and what {@link
     * StaticRans#decode} refuses; every bound is checked before what it sizes is allocated.
     */
    public static Decoded decode(long[] words, int length, int present) {
        byte[] bytes = DeflatedBytes.unpack(words, length);
        Cursor in = new Cursor(bytes);
        int k = (int) in.uv(Math.min(StaticRans.MAX_SYMBOLS, present), "entry count");
        if (k < 1) {
            throw new IllegalArgumentException("entry count 0 for " + present + " values");
        }
        byte[][] entries = new byte[k][];
        long[] counts = new long[k];
        long sum = 0;
        for (int e = 0; e < k; e++) {
            int len = (int) in.uv(in.remaining(), "entry length");
            entries[e] = in.bytes(len);
            counts[e] = in.uv(present - sum, "entry count of values");
            if (counts[e] < 1) {
                throw new IllegalArgumentException("entry " + e + " has count 0");
            }
            sum += counts[e];
        }
        if (sum != present) {
            throw new IllegalArgumentException("entry counts sum to " + sum + ", not " + present + " values");
        }
        int[] codes = StaticRans.decode(bytes, in.position(), bytes.length, present, StaticRans.frequencies(counts));
        long[] seen = new long[k];
        for (int c : codes) {
            seen[c]++;
        }
        if (!java.util.Arrays.equals(seen, counts)) {
            throw new IllegalArgumentException("rANS codes do not match the entry counts");
        }
        return new Decoded(entries, codes);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static int uvLength(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static void uv(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads the stream's bytes, each read bounded. */
    private static final class Cursor {
        private final byte[] bytes;
        private int p;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        int position() {
            return p;
        }

        int remaining() {
            return bytes.length - p;
        }

        /** An unsigned LEB128 number in 0..max, minimal (no trailing zero group). */
        long uv(long max, String what) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 28) {
                    throw new IllegalArgumentException(what + " longer than 5 bytes");
                }
                if (p >= bytes.length) {
                    throw new IllegalArgumentException(what + " past the end of the stream");
                }
                int b = bytes[p++] & 0xFF;
                if (shift > 0 && b == 0) {
                    throw new IllegalArgumentException(what + " not in minimal LEB128");
                }
                v |= (long) (b & 0x7F) << shift;
                if (v > max) {
                    throw new IllegalArgumentException(what + " above " + max);
                }
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        byte[] bytes(int n) {
            byte[] out = java.util.Arrays.copyOfRange(bytes, p, p + n);
            p += n;
            return out;
        }
    }
}
