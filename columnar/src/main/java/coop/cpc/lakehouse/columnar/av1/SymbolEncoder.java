package coop.cpc.lakehouse.columnar.av1;

import java.util.Arrays;

/**
 * The multi-symbol arithmetic (range) encoder that mirrors the symbol decoder of spec 8.2 (the same
 * arithmetic as libaom's {@code od_ec_encode_q15} / {@code od_ec_enc_done}, written from the spec's decoder
 * equations).
 *
 * <p>The coded value is a binary fraction D. {@code low} holds the not yet emitted bits of D scaled so that
 * the decoder's 15-bit window sits in bits {@code [bitsInLow - 15, bitsInLow)} before renormalisation; a
 * byte may be emitted once 8 bits sit above the 16-bit range, because later additions (each smaller than
 * the range) can change them only by a carry. Emitted bytes are kept as ints that may exceed 255; the
 * carries are propagated when the tile is finished.
 */
final class SymbolEncoder {
    private static final int[] HALF = {1 << 14, 1 << 15, 0};
    /**
     * Bytes are emitted in batches once this many bits are in {@code low} (any threshold from 24 up gives the
     * same bytes: what is emitted is the same number; at most 40 + 15 bits plus a carry stay in the long).
     * {@link #flush()} emits every byte above the 16-bit window; the colour-map loops emit exactly three (see
     * {@link #encodeColorMap}).
     */
    private static final int FLUSH_BITS = 40;

    private int[] out = new int[1024];
    private int outLen;
    private long low;
    private int rng;
    private int bitsInLow;
    private final boolean adapt;

    SymbolEncoder(boolean adapt) {
        this.adapt = adapt;
        reset();
    }

    /** init_symbol: an empty interval of range 2^15 (spec 8.2.2). */
    void reset() {
        outLen = 0;
        low = 0;
        rng = 1 << 15;
        bitsInLow = 15;
    }

    /**
     * Encodes {@code symbol} (0 &lt;= symbol &lt; n) with the CDF at {@code cdf[off .. off + n]} and adapts the
     * CDF as spec 8.2.6 does after read_symbol.
     */
    void encode(int[] cdf, int off, int n, int symbol) {
        encodeFixed(cdf, off, n, symbol);
        if (adapt) {
            CdfAdaptation.update(cdf, off, n, symbol);
        }
    }

    /** Colour contexts of a palette colour map (PALETTE_COLOR_CONTEXTS of the spec). */
    static final int PALETTE_CONTEXTS = 5;

    /** Sixteen-bit lanes of a packed CDF: a long holds four entries. */
    private static final long LANES = 0x0001_0001_0001_0001L;

    /** Per symbol s, the lanes of entries below it (they move towards 32768 in the inverted CDF), entries 0..3. */
    private static final long[] BELOW_LOW = new long[8];

    /** As {@link #BELOW_LOW} for entries 4..7. */
    private static final long[] BELOW_HIGH = new long[8];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < s; i++) {
                if (i < 4) {
                    BELOW_LOW[s] |= 0xFFFFL << (16 * i);
                } else {
                    BELOW_HIGH[s] |= 0xFFFFL << (16 * (i - 4));
                }
            }
        }
    }

    /** {@link #encodeColorMap}: each context's CDF packed (two longs of four 16-bit entries) and its counter. */
    private final long[] packedCdfs = new long[2 * PALETTE_CONTEXTS];

    private final int[] packedCounts = new int[PALETTE_CONTEXTS];

    /**
     * Encodes the adaptive symbols of a palette colour map of {@code n} colours (2 &lt;= n &lt;= 8) after its first
     * entry: {@code coded[1 .. count)} holds each entry's context * 8 + symbol in coding order (the spec's wavefront
     * order of palette_tokens( ), spec 5.11.49), and the CDFs are the {@link #PALETTE_CONTEXTS} consecutive CDFs at
     * {@code cdf[off + (n + 1) * context]}. The same bytes and final CDFs as {@link #encode} called for each in turn,
     * given that the contexts are ones a map of n colours can have (for two colours, not context 1).
     * The run keeps the coder's state in locals and each CDF inverted (32768 - entry) in two longs of four 16-bit
     * lanes, adapted with a few word operations: the next symbol of the same context reads its entries from a long
     * just stored, where eight int stores of a vectorised update were slower to reload.
     *
     * <p>The loops here emit bytes without an inner loop: once {@code bits} reaches {@link #FLUSH_BITS} (40 to 54
     * after a symbol's at most 15), exactly the top three bytes, the first with the carry above it, leaving 16 to 30
     * bits, so that the 16-bit window stays in {@code low} and at most 39 + 15 bits and a carry are ever held. The
     * carries are resolved in {@link #finish()} as for any batch, so the bytes are those of {@link #flush()}. Without
     * the inner loop C2 compiles each loop as one counted loop (no safepoint poll, fewer values spilled); the
     * saturated runs also adapt the CDF before the range update, so that the lanes are dead during it.
     */
    void encodeColorMap(int[] cdf, int off, int n, int[] coded, int count) {
        if (!adapt) {
            for (int t = 1; t < count; t++) {
                int e = coded[t];
                encodeFixed(cdf, off + (n + 1) * (e >>> 3), n, e & 7);
            }
            return;
        }
        if (countersSaturated(cdf, off, n)) {
            if (n >= 4) {
                encodeSaturatedRun(cdf, off, n, coded, count);
            } else {
                encodeSaturatedSmallRun(cdf, off, n, coded, count);
            }
            return;
        }
        long[] p = packedCdfs;
        int[] counts = packedCounts;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            int o = off + (n + 1) * k;
            p[2 * k] = packedLow(cdf, o, n);
            p[2 * k + 1] = packedHigh(cdf, o, n);
            counts[k] = cdf[o + n];
        }
        int rateBase = 3 + (n >= 4 ? 2 : 1);
        if (outLen + 2 * count + 8 > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, outLen + 2 * count + 8));
        }
        int[] bytes = out;
        int emitted = outLen;
        long l = low;
        int r = rng;
        int bits = bitsInLow;
        for (int t = 1; t < count; t++) {
            int e = coded[t];
            int k = e >>> 3;
            int symbol = e & 7;
            long low4 = p[2 * k];
            long high4 = p[2 * k + 1];
            // (32768 - cdf[symbol]) >>> 6 and the same of symbol - 1, from the lanes.
            int upper = (int) ((symbol < 4 ? low4 : high4) >>> (16 * (symbol & 3) + 6)) & 0x3FF;
            int previous = symbol - 1;
            int lower = (int) ((previous < 4 ? low4 : high4) >>> (16 * (previous & 3) + 6)) & 0x3FF;
            int r8 = r >>> 8;
            // u is the range itself for symbol 0: selected with a mask, as random symbols would mispredict a
            // branch.
            int first = (symbol - 1) >> 31;
            int u = ((((r8 * lower) >>> 1) + 4 * (n - symbol)) & ~first) | (r & first);
            int v = ((r8 * upper) >>> 1) + 4 * (n - symbol - 1);
            l += r - u;
            r = u - v;
            int d = Integer.numberOfLeadingZeros(r) - 16;
            l <<= d;
            r <<= d;
            bits += d;
            if (bits >= FLUSH_BITS) {
                bytes[emitted] = (int) (l >>> (bits - 8));
                bytes[emitted + 1] = (int) (l >>> (bits - 16)) & 0xFF;
                bytes[emitted + 2] = (int) (l >>> (bits - 24)) & 0xFF;
                emitted += 3;
                bits -= 24;
                l &= (1L << bits) - 1;
            }
            // CdfAdaptation.update on the inverted lanes: an entry below the symbol gains (32768 - x) >> rate,
            // the others lose x >> rate (no lane carries or borrows: every lane stays within 0..32768).
            int c = counts[k];
            int rate = rateBase + (c > 15 ? 1 : 0) + (c > 31 ? 1 : 0);
            long mask = LANES * (0xFFFF >>> rate);
            long belowLow = BELOW_LOW[symbol];
            long belowHigh = BELOW_HIGH[symbol];
            p[2 * k] =
                    low4 + ((((LANES << 15) - low4) >>> rate) & mask & belowLow) - ((low4 >>> rate) & mask & ~belowLow);
            p[2 * k + 1] = high4
                    + ((((LANES << 15) - high4) >>> rate) & mask & belowHigh)
                    - ((high4 >>> rate) & mask & ~belowHigh);
            if (c < 32) {
                counts[k] = c + 1;
            }
        }
        low = l;
        rng = r;
        bitsInLow = bits;
        outLen = emitted;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            int o = off + (n + 1) * k;
            unpack(cdf, o, n, p[2 * k], p[2 * k + 1]);
            cdf[o + n] = counts[k];
        }
    }

    /** Entries 0..3 of the n-symbol CDF at {@code cdf[o]}, inverted (32768 - entry), in the four lanes of a long. */
    private static long packedLow(int[] cdf, int o, int n) {
        long lanes = 0;
        for (int i = 0; i < Math.min(n, 4); i++) {
            lanes |= (long) (32768 - cdf[o + i]) << (16 * i);
        }
        return lanes;
    }

    /** As {@link #packedLow} for entries 4..7 (0 in the lanes from n on). */
    private static long packedHigh(int[] cdf, int o, int n) {
        long lanes = 0;
        for (int i = 4; i < n; i++) {
            lanes |= (long) (32768 - cdf[o + i]) << (16 * (i - 4));
        }
        return lanes;
    }

    /** Writes entries 0 .. n - 1 of the CDF at {@code cdf[o]} back from their packed lanes. */
    private static void unpack(int[] cdf, int o, int n, long low4, long high4) {
        for (int i = 0; i < n; i++) {
            long lanes = i < 4 ? low4 : high4;
            cdf[o + i] = 32768 - (int) ((lanes >>> (16 * (i & 3))) & 0xFFFF);
        }
    }

    /**
     * The colour context no map of two colours has: its three neighbours take at most two values, so two of them
     * are equal and the scores are never 2, 2, 1 (ColorContextHash 8, context 1). Its counter stays where it
     * started, which must not keep such maps from the saturated run.
     */
    private static final int CONTEXT_NOT_IN_TWO_COLOURS = 1;

    /**
     * Whether the counters of every colour context a map of {@code n} colours can have (all five, or four for two
     * colours) have reached 32: the adaptation rate no longer changes.
     */
    private static boolean countersSaturated(int[] cdf, int off, int n) {
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            if (cdf[off + (n + 1) * k + n] < 32 && (n > 2 || k != CONTEXT_NOT_IN_TWO_COLOURS)) {
                return false;
            }
        }
        return true;
    }

    /** The lanes' mask after a shift by the saturated rate of 4..8 colours, 7. */
    private static final long SATURATED_MASK = LANES * (0xFFFF >>> 7);

    /**
     * Per symbol, the lanes {@link #encodeSaturatedRun} subtracts each entry from (entries 0..3, then 4..7): 32768
     * below the symbol, 32768 + 127 from it on. With the rate 7, (K - x) >>> 7 is (32768 - x) >> 7, the step
     * of an entry below the symbol, or 256 - (x >> 7) above it, since floor((127 - x) / 128) = -floor(x / 128):
     * so the update is one subtraction, shift and mask for all eight entries, less {@link #SATURATED_ABOVE_LOW}.
     */
    private static final long[] SATURATED_K_LOW = new long[8];

    private static final long[] SATURATED_K_HIGH = new long[8];

    /** Per symbol, 256 in the lanes from the symbol on (0 below it), entries 0..3, then 4..7. */
    private static final long[] SATURATED_ABOVE_LOW = new long[8];

    private static final long[] SATURATED_ABOVE_HIGH = new long[8];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < 8; i++) {
                long k = i < s ? 32768 : 32768 + 127;
                long above = i < s ? 0 : 256;
                if (i < 4) {
                    SATURATED_K_LOW[s] |= k << (16 * i);
                    SATURATED_ABOVE_LOW[s] |= above << (16 * i);
                } else {
                    SATURATED_K_HIGH[s] |= k << (16 * (i - 4));
                    SATURATED_ABOVE_HIGH[s] |= above << (16 * (i - 4));
                }
            }
        }
    }

    /**
     * {@link #encodeColorMap} once every context's counter has reached 32, with 4 to 8 colours: the rate is 7 for
     * every symbol and no counter changes. A method of its own, so that its compiled loop keeps the coder's state
     * in registers: the lanes in an array made here (its length known, the masked context index needs no range
     * check), the bytes written to an array grown once beforehand.
     */
    private void encodeSaturatedRun(int[] cdf, int off, int n, int[] coded, int count) {
        long[] p = new long[16];
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            int o = off + (n + 1) * k;
            p[2 * k] = packedLow(cdf, o, n);
            p[2 * k + 1] = packedHigh(cdf, o, n);
        }
        // A symbol adds at most 15 bits, so at most two bytes.
        if (outLen + 2 * count + 8 > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, outLen + 2 * count + 8));
        }
        int[] bytes = out;
        int emitted = outLen;
        long l = low;
        int r = rng;
        int bits = bitsInLow;
        int n4 = 4 * n;
        for (int t = 1; t < count; t++) {
            int e = coded[t];
            int k = (e >>> 2) & 14;
            int symbol = e & 7;
            long low4 = p[k];
            long high4 = p[k + 1];
            // (32768 - cdf[symbol]) >>> 6 and the same of symbol - 1 (a long's shift count is taken modulo 64).
            int upper = (int) ((symbol < 4 ? low4 : high4) >>> (16 * symbol + 6)) & 0x3FF;
            int lower = (int) ((symbol <= 4 ? low4 : high4) >>> (16 * symbol - 10)) & 0x3FF;
            int c = n4 - 4 * symbol;
            int first = -symbol >> 31;
            // The CDF update first: the lanes, the context and the symbol are then dead during the range update.
            p[k] = low4 + (((SATURATED_K_LOW[symbol] - low4) >>> 7) & SATURATED_MASK) - SATURATED_ABOVE_LOW[symbol];
            p[k + 1] = high4
                    + (((SATURATED_K_HIGH[symbol] - high4) >>> 7) & SATURATED_MASK)
                    - SATURATED_ABOVE_HIGH[symbol];
            int r8 = r >>> 8;
            // The interval's lower end moves up by r - u, except for symbol 0 (u is the range itself).
            int step = (r - (((r8 * lower) >>> 1) + c)) & first;
            int v = ((r8 * upper) >>> 1) + c - 4;
            l += step;
            r = r - v - step;
            int d = Integer.numberOfLeadingZeros(r) - 16;
            l <<= d;
            r <<= d;
            bits += d;
            if (bits >= FLUSH_BITS) {
                bytes[emitted] = (int) (l >>> (bits - 8));
                bytes[emitted + 1] = (int) (l >>> (bits - 16)) & 0xFF;
                bytes[emitted + 2] = (int) (l >>> (bits - 24)) & 0xFF;
                emitted += 3;
                bits -= 24;
                l &= (1L << bits) - 1;
            }
        }
        low = l;
        rng = r;
        bitsInLow = bits;
        outLen = emitted;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            unpack(cdf, off + (n + 1) * k, n, p[2 * k], p[2 * k + 1]);
        }
    }

    /** The lanes' mask after a shift by the saturated rate of 2 or 3 colours, 6. */
    private static final long SATURATED_SMALL_MASK = LANES * (0xFFFF >>> 6);

    /** As {@link #SATURATED_K_LOW} for the rate 6: 32768 below the symbol, 32768 + 63 from it on (entries 0..3). */
    private static final long[] SATURATED_SMALL_K = new long[8];

    /** As {@link #SATURATED_ABOVE_LOW} for the rate 6: 512 in the lanes from the symbol on. */
    private static final long[] SATURATED_SMALL_ABOVE = new long[8];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < 4; i++) {
                SATURATED_SMALL_K[s] |= (long) (i < s ? 32768 : 32768 + 63) << (16 * i);
                SATURATED_SMALL_ABOVE[s] |= (long) (i < s ? 0 : 512) << (16 * i);
            }
        }
    }

    /**
     * {@link #encodeSaturatedRun} for maps of 2 or 3 colours: the rate is 6 and a CDF's entries fit one long, so
     * each context is one long of lanes (entry n - 1 and the lanes above it are 32768, inverted 0, which the
     * update leaves at 0). For two colours the context no such map has keeps its entries and counter.
     */
    private void encodeSaturatedSmallRun(int[] cdf, int off, int n, int[] coded, int count) {
        long[] p = new long[8];
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            p[k] = packedLow(cdf, off + (n + 1) * k, n);
        }
        if (outLen + 2 * count + 8 > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, outLen + 2 * count + 8));
        }
        int[] bytes = out;
        int emitted = outLen;
        long l = low;
        int r = rng;
        int bits = bitsInLow;
        int n4 = 4 * n;
        for (int t = 1; t < count; t++) {
            int e = coded[t];
            int k = (e >>> 3) & 7;
            int symbol = e & 7;
            long lanes = p[k];
            // (32768 - cdf[symbol]) >>> 6 and the same of symbol - 1 (for symbol 0 a lane the mask below drops).
            int upper = (int) (lanes >>> (16 * symbol + 6)) & 0x3FF;
            int lower = (int) (lanes >>> (16 * symbol - 10)) & 0x3FF;
            int c = n4 - 4 * symbol;
            int first = -symbol >> 31;
            p[k] = lanes
                    + (((SATURATED_SMALL_K[symbol] - lanes) >>> 6) & SATURATED_SMALL_MASK)
                    - SATURATED_SMALL_ABOVE[symbol];
            int r8 = r >>> 8;
            int step = (r - (((r8 * lower) >>> 1) + c)) & first;
            int v = ((r8 * upper) >>> 1) + c - 4;
            l += step;
            r = r - v - step;
            int d = Integer.numberOfLeadingZeros(r) - 16;
            l <<= d;
            r <<= d;
            bits += d;
            if (bits >= FLUSH_BITS) {
                bytes[emitted] = (int) (l >>> (bits - 8));
                bytes[emitted + 1] = (int) (l >>> (bits - 16)) & 0xFF;
                bytes[emitted + 2] = (int) (l >>> (bits - 24)) & 0xFF;
                emitted += 3;
                bits -= 24;
                l &= (1L << bits) - 1;
            }
        }
        low = l;
        rng = r;
        bitsInLow = bits;
        outLen = emitted;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            unpack(cdf, off + (n + 1) * k, n, p[k], 0);
        }
    }

    /** A symbol whose CDF is built on the fly (split_or_horz, split_or_vert) and therefore not adapted. */
    void encodeFixed(int[] cdf, int off, int n, int symbol) {
        int r8 = rng >>> 8;
        int u = symbol > 0 ? ((r8 * ((32768 - cdf[off + symbol - 1]) >>> 6)) >>> 1) + 4 * (n - symbol) : rng;
        int v = ((r8 * ((32768 - cdf[off + symbol]) >>> 6)) >>> 1) + 4 * (n - symbol - 1);
        low += rng - u;
        rng = u - v;
        normalize();
    }

    /** read_bool of spec 8.2.4: a fixed one-half CDF that never adapts. */
    void encodeBool(int bit) {
        int r = rng;
        int v = (((r >>> 8) * (HALF[0] >>> 6)) >>> 1) + 4;
        long l = low;
        if (bit == 0) {
            r -= v;
        } else {
            l += r - v;
            r = v;
        }
        int d = Integer.numberOfLeadingZeros(r) - 16;
        low = l << d;
        rng = r << d;
        bitsInLow += d;
        if (bitsInLow >= FLUSH_BITS) {
            flush();
        }
    }

    /** read_literal(n): n bools, most significant first. */
    void encodeLiteral(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            encodeBool((value >>> i) & 1);
        }
    }

    private void normalize() {
        int d = Integer.numberOfLeadingZeros(rng) - 16;
        low <<= d;
        rng <<= d;
        bitsInLow += d;
        if (bitsInLow >= FLUSH_BITS) {
            flush();
        }
    }

    /** Emits every byte that now lies 8 or more bits above the 16-bit range. */
    private void flush() {
        if (outLen + 8 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        long l = low;
        int bits = bitsInLow;
        while (bits >= 24) {
            int shift = bits - 8;
            out[outLen++] = (int) (l >>> shift);
            l &= (1L << shift) - 1;
            bits -= 8;
        }
        low = l;
        bitsInLow = bits;
    }

    private void emit(int value) {
        if (outLen == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[outLen++] = value;
    }

    /**
     * Ends the tile as exit_symbol (spec 8.2.5) expects: picks the value in the final interval whose bit at
     * position "renormalisation count" is the trailing one bit and whose later bits are all zero, emits it,
     * propagates carries and returns the tile bytes.
     */
    byte[] finish() {
        long m = (1L << 14) - 1;
        long e = ((low + m) & ~m) | (m + 1);
        while (bitsInLow > 14) {
            int shift = bitsInLow - 8;
            emit((int) (e >>> shift));
            e &= (1L << shift) - 1;
            bitsInLow -= 8;
        }
        byte[] bytes = new byte[outLen];
        int carry = 0;
        for (int i = outLen - 1; i >= 0; i--) {
            carry += out[i];
            bytes[i] = (byte) carry;
            carry >>= 8;
        }
        return bytes;
    }
}
