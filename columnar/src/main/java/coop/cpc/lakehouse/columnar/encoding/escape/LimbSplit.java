package coop.cpc.lakehouse.columnar.encoding.escape;

/**
 * Residuals as limb planes without escapes (section 5.3, split mode): every residual becomes
 * L samples of b bits, the most significant plane first. For streams of uniformly wide values
 * (random ids, noisy amounts) this beats escapes, and the high planes, being small, cost little.
 * L = 0 when every residual is zero: the stream then takes no sample at all.
 */
public final class LimbSplit {
    private LimbSplit() {}

    public static int limbs(long[] residuals, int bitDepth) {
        long max = 0;
        for (long u : residuals) {
            if (Long.compareUnsigned(u, max) > 0) {
                max = u;
            }
        }
        int bits = 64 - Long.numberOfLeadingZeros(max);
        return (bits + bitDepth - 1) / bitDepth;
    }

    /** The cost of this stream in split mode, in the units of {@link EscapeSplit#sampleCost}. */
    public static long cost(long[] residuals, int bitDepth) {
        int limbs = limbs(residuals, bitDepth);
        long mask = (1L << bitDepth) - 1;
        long c = 0;
        for (long u : residuals) {
            for (int j = 0; j < limbs; j++) {
                long limb = (u >>> (bitDepth * (limbs - 1 - j))) & mask;
                c += EscapeSplit.sampleCost(64 - Long.numberOfLeadingZeros(limb));
            }
        }
        return c;
    }

    public static int write(long[] residuals, int bitDepth, int limbs, int[] samples, int pos) {
        long mask = (1L << bitDepth) - 1;
        int p = pos;
        for (int j = 0; j < limbs; j++) {
            int shift = bitDepth * (limbs - 1 - j);
            for (long u : residuals) {
                samples[p++] = (int) ((u >>> shift) & mask);
            }
        }
        return p;
    }

    /** Reads count residuals of the given limbs; null if a sample is out of range. */
    public static long[] read(int[] samples, int pos, int count, int bitDepth, int limbs) {
        long[] out = new long[count];
        int p = pos;
        for (int j = 0; j < limbs; j++) {
            for (int i = 0; i < count; i++) {
                int s = samples[p++];
                if (s < 0 || s >> bitDepth != 0) {
                    return null;
                }
                out[i] = (out[i] << bitDepth) | s;
            }
        }
        return out;
    }
}
