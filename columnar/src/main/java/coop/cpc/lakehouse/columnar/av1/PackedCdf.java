package coop.cpc.lakehouse.columnar.av1;

/**
 * An adaptive CDF of at most eight symbols held inverted (32768 - entry, as dav1d keeps its CDFs) in two longs of
 * four 16-bit lanes, entries 0..3 in the low long and 4..7 in the high one. Within a long the entries sit in lanes
 * 0, 2, 1, 3 (entry i % 4 at bits {@link #LANE}[i % 4] * 16), so that one shift and mask give the scaled entries
 * (0, 1) or (2, 3) as two 32-bit lanes ({@link #scaledPair}): read_symbol's bounds are then computed two at a
 * time. Every lane stays within 0..32768, so the update of spec 8.2.6 is a few word operations on each long with
 * no carry or borrow between lanes, and a symbol coded right after another of the same context reads its entries
 * from a long just written instead of from eight int stores.
 */
final class PackedCdf {
    /** One in every lane. */
    private static final long LANES = 0x0001_0001_0001_0001L;

    /** The lane of entry i % 4 within its long. */
    private static final int[] LANE = {0, 2, 1, 3};

    /** The low ten bits of each 32-bit half. */
    private static final long TEN_BITS_PAIR = 0x0000_03FF_0000_03FFL;

    /** BELOW[2 * s] and BELOW[2 * s + 1]: all-ones lanes for the entries under symbol s, of the low and high long. */
    private static final long[] BELOW = new long[16];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < s; i++) {
                BELOW[2 * s + i / 4] |= 0xFFFFL << (16 * LANE[i % 4]);
            }
        }
    }

    private PackedCdf() {}

    /** Entries {@code from .. from + 3} (those below {@code n}) of the n-symbol CDF at {@code cdf[off ..]}, inverted. */
    static long pack(int[] cdf, int off, int n, int from) {
        long lanes = 0;
        for (int i = from; i < Math.min(n, from + 4); i++) {
            lanes |= (long) (32768 - cdf[off + i]) << (16 * LANE[i - from]);
        }
        return lanes;
    }

    /** Writes the entries {@code from .. from + 3} below {@code n} of {@code lanes} back to {@code cdf[off ..]}. */
    static void unpack(long lanes, int[] cdf, int off, int n, int from) {
        for (int i = from; i < Math.min(n, from + 4); i++) {
            cdf[off + i] = 32768 - (int) ((lanes >>> (16 * LANE[i - from])) & 0xFFFF);
        }
    }

    /** (32768 - entry) >>> 6 of entry {@code entry} (0..3) of {@code lanes}: the factor of read_symbol's bound. */
    static int scaled(long lanes, int entry) {
        return (int) (lanes >>> (16 * LANE[entry] + 6)) & 0x3FF;
    }

    /**
     * {@link #scaled} of entries 0 and 1 ({@code pair} 0) or 2 and 3 ({@code pair} 1) of {@code lanes}, in the low and
     * the high 32 bits: a product with a factor below 2^22 leaves each half within its 32 bits.
     */
    static long scaledPair(long lanes, int pair) {
        return (lanes >>> (16 * pair + 6)) & TEN_BITS_PAIR;
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
