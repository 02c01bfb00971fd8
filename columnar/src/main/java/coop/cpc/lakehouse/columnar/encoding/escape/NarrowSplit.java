package coop.cpc.lakehouse.columnar.encoding.escape;

/**
 * Residuals with near-random low bits (section 5.3, narrow split mode, format version 2): the low
 * {@code 3 * q} bits of every residual become q planes of 3-bit samples (values 0..7, which lossless AV1
 * codes as 8-colour palettes within about 1% of their entropy, where an 8-bit limb of random bits costs
 * some 11.4 bits), and the rest, {@code u >>> 3q}, is written in split mode before them. q is chosen from
 * the entropy of each bit position: the low bits whose ones are nearly as frequent as their zeros.
 */
public final class NarrowSplit {
    /** Bits per narrow sample. */
    public static final int BITS = 3;
    /** A bit position counts as near-random when its binary entropy is at least this (in 1/1000 bit). */
    static final int RANDOM_ENTROPY_MILLIBITS = 900;
    /**
     * Streams shorter than this keep one plane under {@link #overPalette}: measured on 12 skewed codes, chunks of
     * 16,384 and more rows gain 7-8 %, chunks of 10,000 rows lost 3 %.
     */
    static final int MIN_OVER_PALETTE = 16_384;

    private NarrowSplit() {}

    /**
     * The number of 3-bit planes to split off: the run of low bit positions, from bit 0 up, whose entropy
     * is at least {@link #RANDOM_ENTROPY_MILLIBITS}, in whole planes; 0 when that is fewer than two planes
     * or the residuals fit in one b-bit sample (small residuals of smooth series are predicted by AV1 far
     * better than their per-bit entropy suggests, and stay one sample each).
     */
    public static int planes(long[] residuals, int bitDepth) {
        if (residuals.length == 0) {
            return 0;
        }
        if (overPalette(residuals)) {
            return 1;
        }
        long max = 0;
        for (long u : residuals) {
            if (Long.compareUnsigned(u, max) > 0) {
                max = u;
            }
        }
        if (64 - Long.numberOfLeadingZeros(max) <= bitDepth) {
            return 0;
        }
        int[] ones = new int[64];
        for (long u : residuals) {
            long x = u;
            int j = 0;
            while (x != 0) {
                ones[j++] += (int) (x & 1);
                x >>>= 1;
            }
        }
        int k = 0;
        while (k < 63 && entropyMillibits(ones[k], residuals.length) >= RANDOM_ENTROPY_MILLIBITS) {
            k++;
        }
        int q = k / BITS;
        return q >= 2 ? q : 0;
    }

    /** The estimated cost of one narrow sample whose three bits have the given entropies, as {@link EscapeSplit#sampleCost}. */
    static long narrowSampleCost(int entropyMillibits) {
        // Twentieths of a bit: the entropy plus the 1-3 % lossless AV1 spends above it on 8-colour palettes.
        return (20L * entropyMillibits * 103 + 99_999) / 100_000 + 1;
    }

    static int entropyMillibits(int ones, int n) {
        if (ones == 0 || ones == n) {
            return 0;
        }
        double p = (double) ones / n;
        double h = -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
        return (int) Math.round(1000 * h);
    }

    /**
     * Whether the stream takes narrow split mode with one narrow plane by rule rather than by its estimate:
     * at least {@link #MIN_OVER_PALETTE} residuals taking nine to 64 distinct values, all below 64 (codes of
     * a dictionary of 9-64 entries, small counts). As one plane such values are more colours than an AV1
     * palette holds (eight), so blocks split into smaller palettes with residuals or fall back to transform
     * coding, with the full mode search; as a plane of the high bits {@code u >>> 3} (at most eight colours)
     * and a narrow plane of the low three bits (eight colours) both are palettes. Measured on the benchmark:
     * the 12-value skewed category 8 % smaller and encoded about 3x faster, the uniform counts 0..19 of
     * {@code crm.visits} 4 % smaller and decoded 20 % faster; uniform 0..39 and 0..49 and skewed 0..63 about
     * 6-11 % smaller. The per-sample estimates of escape mode do not see the palette's limit, so the rule
     * gives the mode cost 0.
     */
    public static boolean overPalette(long[] residuals) {
        if (residuals.length < MIN_OVER_PALETTE) {
            return false;
        }
        long seen = 0;
        for (long u : residuals) {
            if (u < 0 || u > 63) {
                return false;
            }
            seen |= 1L << u;
        }
        return overPalette(seen, residuals.length);
    }

    /**
     * {@link #overPalette(long[])} from the set of residual values present (bit v set for value v, all below 64)
     * and the number of residuals.
     */
    static boolean overPalette(long valuesPresent, int residuals) {
        return residuals >= MIN_OVER_PALETTE && valuesPresent >>> 8 != 0 && Long.bitCount(valuesPresent) > 8;
    }

    /**
     * The cost of this stream in narrow mode with q planes, in the units of {@link EscapeSplit#sampleCost}; 0
     * for a stream that {@link #overPalette} takes to one narrow plane by rule.
     */
    public static long cost(long[] residuals, int bitDepth, int q) {
        if (q == 1 && overPalette(residuals)) {
            return 0;
        }
        int k = BITS * q;
        int[] ones = new int[k];
        long[] high = new long[residuals.length];
        for (int i = 0; i < residuals.length; i++) {
            long u = residuals[i];
            for (int j = 0; j < k; j++) {
                ones[j] += (int) ((u >>> j) & 1);
            }
            high[i] = u >>> k;
        }
        long c = LimbSplit.cost(high, bitDepth);
        for (int p = 0; p < q; p++) {
            int h = 0;
            for (int j = 0; j < BITS; j++) {
                h += entropyMillibits(ones[BITS * p + j], residuals.length);
            }
            c += narrowSampleCost(h) * residuals.length;
        }
        return c;
    }

    /** The b-bit limbs of the high parts (u >>> 3q). */
    public static int limbs(long[] residuals, int bitDepth, int q) {
        long max = 0;
        for (long u : residuals) {
            long h = u >>> (BITS * q);
            if (Long.compareUnsigned(h, max) > 0) {
                max = h;
            }
        }
        int bits = 64 - Long.numberOfLeadingZeros(max);
        return (bits + bitDepth - 1) / bitDepth;
    }

    /** Writes the high limbs, then the q narrow planes (most significant first); returns the position after them. */
    public static int write(long[] residuals, int bitDepth, int limbs, int q, int[] samples, int pos) {
        int k = BITS * q;
        long mask = (1L << bitDepth) - 1;
        int p = pos;
        for (int j = 0; j < limbs; j++) {
            int shift = k + bitDepth * (limbs - 1 - j);
            for (long u : residuals) {
                samples[p++] = (int) ((u >>> shift) & mask);
            }
        }
        for (int j = 0; j < q; j++) {
            int shift = BITS * (q - 1 - j);
            for (long u : residuals) {
                samples[p++] = (int) ((u >>> shift) & 7);
            }
        }
        return p;
    }

    /**
     * Residuals per block of {@link #read}: their longs (8 KB) stay in the L1 cache while every plane's samples are
     * shifted in.
     */
    static final int READ_BLOCK = 1024;

    /**
     * Reads count residuals (the high limbs, then the q narrow planes, as {@link #write} lays them out); null if a
     * sample is out of range (a limb sample of more than bitDepth bits, a narrow sample above 7, or a negative one).
     * Block by block of {@link #READ_BLOCK} residuals, all planes into the block's longs: a pass per plane over the
     * whole chunk (8 or more for noisy timestamps) moved each long between the core and the L2 cache once per plane.
     */
    public static long[] read(int[] samples, int pos, int count, int bitDepth, int limbs, int q) {
        long[] out = new long[count];
        for (int from = 0; from < count; from += READ_BLOCK) {
            int to = Math.min(count, from + READ_BLOCK);
            for (int j = 0; j < limbs + q; j++) {
                int bits = j < limbs ? bitDepth : BITS;
                if (!shiftIn(samples, pos + j * count, out, from, to, bits)) {
                    return null;
                }
            }
        }
        return out;
    }

    /**
     * {@code out[i] = out[i] << bits | plane[i]} for i in {@code [from, to)}, the plane's sample i at
     * {@code samples[plane + i]}; false if one of them is negative or wider than {@code bits} (checked once for
     * the range, from the samples' bits together: no branch per sample).
     */
    private static boolean shiftIn(int[] samples, int plane, long[] out, int from, int to, int bits) {
        int all = 0;
        for (int i = from; i < to; i++) {
            int s = samples[plane + i];
            all |= s;
            out[i] = (out[i] << bits) | s;
        }
        return all >>> bits == 0;
    }
}
