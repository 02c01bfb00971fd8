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

    /**
     * Encodes {@code count} adaptive symbols of an {@code n}-symbol alphabet, symbol i with the CDF at {@code
     * cdf[offsets[i] .. offsets[i] + n]}: the same bytes as {@link #encode} called for each in turn, with the
     * coder's state in locals for the whole run (a palette colour map is thousands of symbols in a row).
     */
    void encodeRun(int[] cdf, int[] offsets, int[] symbols, int count, int n) {
        if (!adapt) {
            for (int i = 0; i < count; i++) {
                encodeFixed(cdf, offsets[i], n, symbols[i]);
            }
            return;
        }
        long l = low;
        int r = rng;
        int bits = bitsInLow;
        for (int i = 0; i < count; i++) {
            int off = offsets[i];
            int symbol = symbols[i];
            int r8 = r >>> 8;
            int u = symbol > 0 ? ((r8 * ((32768 - cdf[off + symbol - 1]) >>> 6)) >>> 1) + 4 * (n - symbol) : r;
            int v = ((r8 * ((32768 - cdf[off + symbol]) >>> 6)) >>> 1) + 4 * (n - symbol - 1);
            l += r - u;
            r = u - v;
            int d = Integer.numberOfLeadingZeros(r) - 16;
            l <<= d;
            r <<= d;
            bits += d;
            if (bits >= FLUSH_BITS) {
                low = l;
                bitsInLow = bits;
                flush();
                l = low;
                bits = bitsInLow;
            }
            CdfAdaptation.update(cdf, off, n, symbol);
        }
        low = l;
        rng = r;
        bitsInLow = bits;
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
