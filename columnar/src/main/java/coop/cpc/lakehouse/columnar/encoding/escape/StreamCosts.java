package coop.cpc.lakehouse.columnar.encoding.escape;

/**
 * The costs of one stream in escape, split and narrow split mode at each bit depth (section 5.3), exactly as
 * {@link EscapeSplit#cost}, {@link LimbSplit#cost}, {@link NarrowSplit#planes} and {@link NarrowSplit#cost} give
 * them, from few passes over the residuals instead of nine: the first gathers the bit-length histogram, the
 * residuals equal to each escape, the maximum, the ones of every bit position and the byte histogram (which gives
 * the limbs' cost at depth 8); then one pass per other depth costs its limbs.
 */
public final class StreamCosts {
    /** Entries per depth in {@link #of}: escape cost, split cost, narrow cost (or Long.MAX_VALUE), narrow planes. */
    public static final int PER_DEPTH = 4;

    private static final long[] SAMPLE_COST = new long[65];

    static {
        for (int i = 0; i < SAMPLE_COST.length; i++) {
            SAMPLE_COST[i] = EscapeSplit.sampleCost(i);
        }
    }

    private StreamCosts() {}

    /**
     * {@link #of} for streams whose residuals all fit the smallest depth (dictionary codes, bytes, lengths,
     * small counts: most streams), from one histogram pass, or null for other streams. Every residual is then
     * one limb at every depth, so the split cost is the histogram's; narrow mode applies only by the rule of
     * {@link NarrowSplit#overPalette} (its estimate needs residuals wider than the depth).
     */
    private static long[] ofSmall(long[] residuals, int[] bitDepths, boolean narrow) {
        int minDepth = Integer.MAX_VALUE;
        for (int b : bitDepths) {
            minDepth = Math.min(minDepth, b);
        }
        long any = 0;
        for (long u : residuals) {
            any |= u;
        }
        if (minDepth > 16 || (any >>> minDepth) != 0) {
            return null;
        }
        int[] histogram = new int[1 << minDepth];
        for (long u : residuals) {
            histogram[(int) u]++;
        }
        long[] lengths = new long[65];
        for (int v = 0; v < histogram.length; v++) {
            lengths[32 - Integer.numberOfLeadingZeros(v)] += histogram[v];
        }
        int max = 0;
        for (int v = histogram.length - 1; v > 0; v--) {
            if (histogram[v] != 0) {
                max = v;
                break;
            }
        }
        int maxBits = 32 - Integer.numberOfLeadingZeros(max);
        long present = 0;
        for (int v = 0; v < Math.min(64, histogram.length); v++) {
            present |= histogram[v] != 0 ? 1L << v : 0;
        }
        boolean overPalette = narrow && max < 64 && NarrowSplit.overPalette(present, residuals.length);
        long histogramCost = 0;
        for (int len = 0; len <= maxBits; len++) {
            histogramCost += lengths[len] * SAMPLE_COST[len];
        }
        int depths = bitDepths.length;
        long[] out = new long[PER_DEPTH * depths];
        for (int d = 0; d < depths; d++) {
            int b = bitDepths[d];
            int escape = (1 << b) - 1;
            long equalEscape = escape < histogram.length ? histogram[escape] : 0;
            // No residual is above the escape value, so the exceptions are the ones equal to it.
            long below = histogramCost - equalEscape * SAMPLE_COST[b];
            long exceptions = equalEscape;
            int escapeLimbs = exceptions > 0 ? 1 : 0;
            out[PER_DEPTH * d] = below + exceptions * SAMPLE_COST[b] * (1L + escapeLimbs);
            out[PER_DEPTH * d + 1] = maxBits == 0 ? 0 : histogramCost;
            out[PER_DEPTH * d + 2] = overPalette ? 0 : Long.MAX_VALUE;
            out[PER_DEPTH * d + 3] = overPalette ? 1 : 0;
        }
        return out;
    }

    /**
     * For each depth of {@code bitDepths}, at {@code PER_DEPTH * d}: the escape-mode cost, the split-mode cost,
     * the narrow-mode cost (Long.MAX_VALUE when narrow mode does not apply or {@code narrow} is false) and its
     * number of narrow planes (0 then).
     */
    public static long[] of(long[] residuals, int[] bitDepths, boolean narrow) {
        long[] small = ofSmall(residuals, bitDepths, narrow);
        if (small != null) {
            return small;
        }
        int n = residuals.length;
        int depths = bitDepths.length;
        // Histograms are counted in two halves (even and odd residuals) and summed: consecutive residuals of one
        // bit length or byte value would otherwise each wait for the previous increment of the same counter.
        long[] lengths = new long[2 * 65];
        long[] equalEscape = new long[depths];
        int[] ones = new int[64];
        int[][] byteCounts = new int[8][256];
        long max = 0;
        int minDepth = 64;
        for (int b : bitDepths) {
            minDepth = Math.min(minDepth, b);
        }
        int escapeShift = Math.max(0, minDepth - 1);
        for (int i = 0; i < n; i++) {
            long u = residuals[i];
            lengths[65 * (i & 1) + 64 - Long.numberOfLeadingZeros(u)]++;
            if (Long.compareUnsigned(u, max) > 0) {
                max = u;
            }
            // An escape value is all ones (2^b - 1, b at least the smallest depth): only such residuals (few) go
            // through the depths.
            if ((u & (u + 1)) == 0 && (u >>> escapeShift) != 0) {
                for (int d = 0; d < depths; d++) {
                    if (u == (1L << bitDepths[d]) - 1) {
                        equalEscape[d]++;
                    }
                }
            }
        }
        for (int len = 0; len <= 64; len++) {
            lengths[len] += lengths[65 + len];
        }
        if (narrow) {
            // Every byte up to the widest residual's top byte, zero bytes included (a residual's zero bytes above
            // its own top byte count as value 0, which costs what an uncounted byte costs and holds no ones).
            int bytes = (64 - Long.numberOfLeadingZeros(max) + 7) / 8;
            int[] halves = new int[2 * 256];
            for (int b = 0; b < bytes; b++) {
                java.util.Arrays.fill(halves, 0);
                int shift = 8 * b;
                for (int i = 0; i < n; i++) {
                    halves[256 * (i & 1) + (int) ((residuals[i] >>> shift) & 0xFF)]++;
                }
                for (int v = 0; v < 256; v++) {
                    byteCounts[b][v] = halves[v] + halves[256 + v];
                }
            }
        }
        int maxBits = 64 - Long.numberOfLeadingZeros(max);
        int k = 0;
        if (narrow && n > 0) {
            for (int b = 0; b < 8; b++) {
                for (int v = 1; v < 256; v++) {
                    int c = byteCounts[b][v];
                    if (c != 0) {
                        for (int j = 0; j < 8; j++) {
                            if ((v >>> j & 1) != 0) {
                                ones[8 * b + j] += c;
                            }
                        }
                    }
                }
            }
            while (k < 63 && NarrowSplit.entropyMillibits(ones[k], n) >= NarrowSplit.RANDOM_ENTROPY_MILLIBITS) {
                k++;
            }
        }
        int q = k / NarrowSplit.BITS;
        if (q < 2) {
            q = 0;
        }
        int lowBits = NarrowSplit.BITS * q;
        int highBits = 64 - Long.numberOfLeadingZeros(q > 0 ? max >>> lowBits : 0);
        int[] limbsU = new int[depths];
        int[] limbsH = new int[depths];
        boolean[] narrowAt = new boolean[depths];
        for (int d = 0; d < depths; d++) {
            int b = bitDepths[d];
            limbsU[d] = (maxBits + b - 1) / b;
            narrowAt[d] = q > 0 && maxBits > b;
            limbsH[d] = narrowAt[d] ? (highBits + b - 1) / b : 0;
        }
        long[] split = new long[depths];
        long[] high = new long[depths];
        // At depth 8 the split limbs are the bytes the first pass counted (bytes above a residual's highest
        // non-zero byte were not counted: they are 0 and cost SAMPLE_COST[0]), so their cost is the histogram's.
        int[] splitLimbs = limbsU.clone();
        if (narrow) {
            for (int d = 0; d < depths; d++) {
                if (bitDepths[d] == 8) {
                    split[d] = byteLimbsCost(byteCounts, limbsU[d], n);
                    splitLimbs[d] = 0;
                }
            }
        }
        // One pass per depth with the sums in locals (a pass over all depths at once kept them in memory).
        for (int d = 0; d < depths; d++) {
            int b = bitDepths[d];
            long mask = (1L << b) - 1;
            int limbs = splitLimbs[d];
            int highLimbs = limbsH[d];
            long splitCost = 0;
            long highCost = 0;
            // One limb at a time: a loop of one table lookup per residual, which the JIT unrolls.
            for (int j = 0; j < limbs; j++) {
                splitCost += limbCost(residuals, b * j, mask);
            }
            for (int j = 0; j < highLimbs; j++) {
                highCost += limbCost(residuals, lowBits + b * j, mask);
            }
            split[d] += splitCost;
            high[d] += highCost;
        }
        long[] out = new long[PER_DEPTH * depths];
        for (int d = 0; d < depths; d++) {
            int b = bitDepths[d];
            long escape = (1L << b) - 1;
            long below = 0;
            long exceptions = equalEscape[d];
            for (int len = 0; len <= 64; len++) {
                if (len <= b) {
                    below += lengths[len] * SAMPLE_COST[len];
                } else {
                    exceptions += lengths[len];
                }
            }
            below -= equalEscape[d] * SAMPLE_COST[b];
            int escapeLimbs = 0;
            if (exceptions > 0) {
                int bits = 64 - Long.numberOfLeadingZeros(max - escape);
                escapeLimbs = Math.max(1, (bits + b - 1) / b);
            }
            out[PER_DEPTH * d] = below + exceptions * SAMPLE_COST[b] * (1L + escapeLimbs);
            out[PER_DEPTH * d + 1] = split[d];
            if (narrowAt[d]) {
                long c = high[d];
                for (int p = 0; p < q; p++) {
                    int e = 0;
                    for (int j = 0; j < NarrowSplit.BITS; j++) {
                        e += NarrowSplit.entropyMillibits(ones[NarrowSplit.BITS * p + j], n);
                    }
                    c += NarrowSplit.narrowSampleCost(e) * n;
                }
                out[PER_DEPTH * d + 2] = c;
                out[PER_DEPTH * d + 3] = q;
            } else {
                out[PER_DEPTH * d + 2] = Long.MAX_VALUE;
            }
        }
        return out;
    }

    /** The summed sample costs of every residual's limb {@code (u >>> shift) & mask}. */
    private static long limbCost(long[] residuals, int shift, long mask) {
        long cost = 0;
        for (long u : residuals) {
            cost += SAMPLE_COST[64 - Long.numberOfLeadingZeros((u >>> shift) & mask)];
        }
        return cost;
    }

    /** The split-mode cost at depth 8 of {@code n} residuals in {@code limbs} limbs from their counted bytes. */
    private static long byteLimbsCost(int[][] byteCounts, int limbs, int n) {
        long cost = 0;
        for (int b = 0; b < limbs; b++) {
            long counted = 0;
            for (int v = 0; v < 256; v++) {
                int c = byteCounts[b][v];
                counted += c;
                cost += c * SAMPLE_COST[32 - Integer.numberOfLeadingZeros(v)];
            }
            cost += (n - counted) * SAMPLE_COST[0];
        }
        return cost;
    }
}
