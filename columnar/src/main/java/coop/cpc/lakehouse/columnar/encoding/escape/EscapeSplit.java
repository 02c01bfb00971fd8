package coop.cpc.lakehouse.columnar.encoding.escape;

/**
 * Residuals to samples of b bits (section 5.3, escape mode): small residuals are samples, residuals at or
 * above the escape 2^b - 1 leave the escape as their sample and their excess as b-bit limbs
 * in planes after the stream's main samples.
 */
public final class EscapeSplit {
    private EscapeSplit() {}

    /** The number of b-bit limbs the stream's largest exception needs (0 without exceptions). */
    public static int limbs(long[] residuals, int bitDepth) {
        long escape = (1L << bitDepth) - 1;
        boolean any = false;
        long maxExcess = 0;
        for (long u : residuals) {
            if (Long.compareUnsigned(u, escape) >= 0) {
                any = true;
                long e = u - escape;
                if (Long.compareUnsigned(e, maxExcess) > 0) {
                    maxExcess = e;
                }
            }
        }
        if (!any) {
            return 0;
        }
        int bits = 64 - Long.numberOfLeadingZeros(maxExcess);
        return Math.max(1, (bits + bitDepth - 1) / bitDepth);
    }

    public static int exceptions(long[] residuals, int bitDepth) {
        long escape = (1L << bitDepth) - 1;
        int n = 0;
        for (long u : residuals) {
            if (Long.compareUnsigned(u, escape) >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The cost of this stream in escape mode (section 5.3), in twentieths of a bit: each sample
     * costs {@link #sampleCost}, an exception its escape plus limbs of b bits.
     */
    public static long cost(long[] residuals, int bitDepth) {
        long escape = (1L << bitDepth) - 1;
        int limbs = limbs(residuals, bitDepth);
        long wide = sampleCost(bitDepth) * (1L + limbs);
        long c = 0;
        for (long u : residuals) {
            c += Long.compareUnsigned(u, escape) < 0 ? sampleCost(64 - Long.numberOfLeadingZeros(u)) : wide;
        }
        return c;
    }

    /**
     * The estimated AV1 cost of a sample of bitLength bits, in twentieths of a bit:
     * 20 * (bits + 1) + bits^2. The quadratic term is what lossless AV1 was measured to spend on
     * top of a noisy sample's width (about 3.4, 4.8 and 7.7 bits at 8, 10 and 12 bits), so that
     * wide noise goes to 8-bit tracks, where it is cheapest.
     */
    public static long sampleCost(int bitLength) {
        return 20L * (bitLength + 1) + (long) bitLength * bitLength;
    }

    /** Writes the stream's samples at pos; returns the position after them. */
    public static int write(long[] residuals, int bitDepth, int limbs, int[] samples, int pos) {
        long escape = (1L << bitDepth) - 1;
        int p = pos;
        int exceptions = 0;
        for (long u : residuals) {
            boolean exception = Long.compareUnsigned(u, escape) >= 0;
            samples[p++] = exception ? (int) escape : (int) u;
            if (exception) {
                exceptions++;
            }
        }
        for (int j = 0; j < limbs; j++) {
            int shift = bitDepth * (limbs - 1 - j);
            for (long u : residuals) {
                if (Long.compareUnsigned(u, escape) >= 0) {
                    samples[p++] = (int) (((u - escape) >>> shift) & escape);
                }
            }
        }
        assert p == pos + residuals.length + limbs * exceptions;
        return p;
    }

    /**
     * Reads count residuals with the given exceptions and limbs from samples at pos; returns
     * null if the samples disagree with the counts.
     */
    public static long[] read(int[] samples, int pos, int count, int bitDepth, int exceptions, int limbs) {
        long escape = (1L << bitDepth) - 1;
        long[] out = new long[count];
        int[] where = new int[exceptions];
        int found = 0;
        for (int i = 0; i < count; i++) {
            int s = samples[pos + i];
            if (s < 0 || s > escape) {
                return null;
            }
            if (s == escape) {
                if (found == exceptions) {
                    return null;
                }
                where[found++] = i;
            }
            out[i] = s;
        }
        if (found != exceptions || (exceptions > 0) != (limbs > 0)) {
            return null;
        }
        int p = pos + count;
        long[] excess = new long[exceptions];
        for (int j = 0; j < limbs; j++) {
            for (int x = 0; x < exceptions; x++) {
                excess[x] = (excess[x] << bitDepth) | samples[p++];
            }
        }
        for (int x = 0; x < exceptions; x++) {
            out[where[x]] = escape + excess[x];
        }
        return out;
    }
}
