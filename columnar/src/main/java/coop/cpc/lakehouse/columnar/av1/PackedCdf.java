package coop.cpc.lakehouse.columnar.av1;

/**
 * An adaptive CDF of at most eight symbols held inverted (32768 - entry, as dav1d keeps its CDFs) in two longs of
 * four 16-bit lanes, entries 0..3 in the low long and 4..7 in the high one, lane i at bits 16 * (i % 4). Every lane
 * stays within 0..32768, so the update of spec 8.2.6 is a few word operations on each long with no carry or borrow
 * between lanes, and a symbol coded right after another of the same context reads its entries from a long just
 * written instead of from eight int stores.
 */
final class PackedCdf {
    /** One in every lane. */
    private static final long LANES = 0x0001_0001_0001_0001L;

    /** BELOW[2 * s] and BELOW[2 * s + 1]: all-ones lanes for the entries under symbol s, of the low and high long. */
    private static final long[] BELOW = new long[16];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < s; i++) {
                BELOW[2 * s + i / 4] |= 0xFFFFL << (16 * (i % 4));
            }
        }
    }

    private PackedCdf() {}

    /** Entries {@code from .. from + 3} (those below {@code n}) of the n-symbol CDF at {@code cdf[off ..]}, inverted. */
    static long pack(int[] cdf, int off, int n, int from) {
        long lanes = 0;
        for (int i = from; i < Math.min(n, from + 4); i++) {
            lanes |= (long) (32768 - cdf[off + i]) << (16 * (i - from));
        }
        return lanes;
    }

    /** Writes the entries {@code from .. from + 3} below {@code n} of {@code lanes} back to {@code cdf[off ..]}. */
    static void unpack(long lanes, int[] cdf, int off, int n, int from) {
        for (int i = from; i < Math.min(n, from + 4); i++) {
            cdf[off + i] = 32768 - (int) ((lanes >>> (16 * (i - from))) & 0xFFFF);
        }
    }

    /** (32768 - entry) >>> 6 of lane {@code lane} (0..3) of {@code lanes}: the factor of read_symbol's bound. */
    static int scaled(long lanes, int lane) {
        return (int) (lanes >>> (16 * lane + 6)) & 0x3FF;
    }

    /**
     * The CDF update after {@code symbol} at {@code rate} on the low ({@code high} false) or high long: an entry
     * below the symbol moves towards 0, i.e. its lane gains (32768 - lane) >> rate, the others lose lane >> rate.
     */
    static long adapt(long lanes, int rate, int symbol, boolean high) {
        long mask = LANES * (0xFFFF >>> rate);
        long below = BELOW[2 * symbol + (high ? 1 : 0)];
        return lanes + ((((LANES << 15) - lanes) >>> rate) & mask & below) - ((lanes >>> rate) & mask & ~below);
    }
}
