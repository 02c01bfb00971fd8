package coop.cpc.lakehouse.columnar.av1;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The symbol decoder of spec 8.2.2 - 8.2.6 with a wide window: {@code win} holds SymbolValue (below
 * 2^16) followed by {@code cnt} (at most 48) further inverted bitstream bits, so renormalisation is a shift
 * of the split point and bytes are fetched several at a time; arithmetic on {@code win} is modulo 2^64
 * and only ever read through unsigned shifts. Past the end of the tile data the spec pads with zero bits, which inverted
 * become ones, exactly as here.
 */
final class SymbolDecoder {
    /** Eight tile bytes at once, most significant first: the colour map's refill. */
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** {@link #decodeColorMap}'s bounds: two ints in a long, written as longs and read as ints. */
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONE_PAIR = 0x0000_0001_0000_0001L;

    private static final long SIXTEEN_BITS_PAIR = 0x0000_FFFF_0000_FFFFL;

    private static final long BIT16_PAIR = 0x0001_0000_0001_0000L;

    private byte[] buf;
    private int start;
    private int size;
    private int pos;
    private long win;
    private int cnt;
    private int rng;
    private final boolean adapt;

    SymbolDecoder(boolean adapt) {
        this.adapt = adapt;
    }

    /** init_symbol( sz ) over {@code buf[start .. start + size)}. */
    void init(byte[] data, int from, int sz) {
        this.buf = data;
        this.start = from;
        this.size = sz;
        this.pos = from;
        this.win = 0;
        this.cnt = -15;
        this.rng = 1 << 15;
        refill();
    }

    private void refill() {
        int p = pos;
        if (p + 8 <= start + size) {
            // The bytes that bring the count above 40 (1 to 7 of them) from one big-endian 8-byte read, as the
            // colour map's refill: no loop whose trip count the branch predictor has to guess.
            int bytes = (48 - cnt) >>> 3;
            long next = ~(long) BIG_ENDIAN_LONG.get(buf, p);
            win = (win << (8 * bytes)) | (next >>> (64 - 8 * bytes));
            cnt += 8 * bytes;
            pos = p + bytes;
            return;
        }
        refillNearEnd();
    }

    /** {@link #refill} within eight bytes of the tile's end: byte by byte, zero bits (inverted: ones) past it. */
    private void refillNearEnd() {
        int end = start + size;
        while (cnt <= 40) {
            int b = pos < end ? buf[pos] & 0xFF : 0;
            pos++;
            win = (win << 8) | (~b & 0xFF);
            cnt += 8;
        }
    }

    /**
     * True once the symbols read so far already need more bits than the tile holds, so exit_symbol must
     * fail; callers check it now and then to stop decoding a corrupt tile early instead of running to the
     * end of a large frame on padding.
     */
    boolean overrun() {
        return 8L * (pos - start) - cnt - 15 > 8L * size - 1;
    }

    /**
     * read_symbol( cdf ) for a CDF of {@code n} symbols at {@code cdf[off .. off + n]}. Only a dispatch, small enough
     * for the JIT to inline into its callers (the block syntax, the coefficients), where {@code n} is a constant and
     * the branch falls away; with the search loop in it, C2 kept it a call ("already compiled into a big method").
     */
    int decode(int[] cdf, int off, int n) {
        if (n <= 4) {
            return decodeSmall(cdf, off, n);
        }
        if (n == 8) {
            return decode8(cdf, off);
        }
        if (n <= 8) {
            return decodeUpTo8(cdf, off, n);
        }
        return decodeSearch(cdf, off, n);
    }

    /** read_symbol for more than eight symbols (intra modes): the spec's search from symbol 0. */
    private int decodeSearch(int[] cdf, int off, int n) {
        long w = win;
        int shift = cnt;
        int value = (int) (w >>> shift);
        int r = rng;
        int r8 = r >>> 8;
        int symbol = 0;
        int prev = r;
        int cur = ((r8 * ((32768 - cdf[off]) >>> 6)) >>> 1) + 4 * (n - 1);
        while (value < cur) {
            symbol++;
            prev = cur;
            cur = ((r8 * ((32768 - cdf[off + symbol]) >>> 6)) >>> 1) + 4 * (n - symbol - 1);
        }
        renormalize(prev - cur, cur);
        if (adapt) {
            int count = cdf[off + n];
            int rate = 3 + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0) + (n > 3 ? 2 : 1);
            int i = 0;
            for (; i < symbol; i++) {
                int c = cdf[off + i];
                cdf[off + i] = c - (c >> rate);
            }
            for (; i < n - 1; i++) {
                int c = cdf[off + i];
                cdf[off + i] = c + ((32768 - c) >> rate);
            }
            if (count < 32) {
                cdf[off + n] = count + 1;
            }
        }
        return symbol;
    }

    /**
     * read_symbol for at most four symbols without a data-dependent loop: the interval bounds
     * {@code cur} of spec 8.2.6 strictly decrease with the symbol index, so the symbol is the number of
     * bounds above the value. Random symbols would otherwise mispredict the search loop's exit.
     */
    private int decodeSmall(int[] cdf, int off, int n) {
        long w = win;
        int shift = cnt;
        int value = (int) (w >>> shift);
        int r = rng;
        int r8 = r >>> 8;
        int c0 = ((r8 * ((32768 - cdf[off]) >>> 6)) >>> 1) + 4 * (n - 1);
        int c1 = n > 2 ? ((r8 * ((32768 - cdf[off + 1]) >>> 6)) >>> 1) + 4 * (n - 2) : 0;
        int c2 = n > 3 ? ((r8 * ((32768 - cdf[off + 2]) >>> 6)) >>> 1) + 4 : 0;
        int s1 = value < c0 ? 1 : 0;
        int s2 = value < c1 ? 1 : 0;
        int s3 = value < c2 ? 1 : 0;
        int symbol = s1 + s2 + s3;
        int cur = s3 != 0 ? 0 : (s2 != 0 ? c2 : (s1 != 0 ? c1 : c0));
        int prev = s3 != 0 ? c2 : (s2 != 0 ? c1 : (s1 != 0 ? c0 : r));
        renormalize(prev - cur, cur);
        if (adapt) {
            adaptSmall(cdf, off, n, symbol);
        }
        return symbol;
    }

    /**
     * {@link #decodeSmall}'s CDF update, apart so that decodeSmall stays below the JIT's inlining limit for hot
     * methods (325 bytecodes): inlined into the coefficient and block syntax, its {@code n} is a constant there.
     */
    private static void adaptSmall(int[] cdf, int off, int n, int symbol) {
        int count = cdf[off + n];
        int rate = 3 + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0) + (n > 3 ? 2 : 1);
        cdf[off] = adapted(cdf[off], rate, symbol > 0);
        if (n > 2) {
            cdf[off + 1] = adapted(cdf[off + 1], rate, symbol > 1);
            if (n > 3) {
                cdf[off + 2] = adapted(cdf[off + 2], rate, symbol > 2);
            }
        }
        if (count < 32) {
            cdf[off + n] = count + 1;
        }
    }

    /** Interval bounds of {@link #decodeUpTo8}: bounds[0] = rng, bounds[k + 1] = cur of symbol k, then 0. */
    private final int[] bounds = new int[10];

    /**
     * read_symbol for five to eight symbols (palette colour indices) without a data-dependent search: all
     * bounds are computed, the symbol is the number of them above the value (they strictly decrease), and
     * the CDF update runs over every entry with the direction chosen per entry.
     */
    private int decodeUpTo8(int[] cdf, int off, int n) {
        long w = win;
        int shift = cnt;
        int value = (int) (w >>> shift);
        int r = rng;
        int r8 = r >>> 8;
        int[] b = bounds;
        b[0] = r;
        int symbol = 0;
        for (int k = 0; k < n - 1; k++) {
            int cur = ((r8 * ((32768 - cdf[off + k]) >>> 6)) >>> 1) + 4 * (n - k - 1);
            b[k + 1] = cur;
            symbol += (value - cur) >>> 31;
        }
        b[n] = 0;
        int cur = b[symbol + 1];
        renormalize(b[symbol] - cur, cur);
        if (adapt) {
            CdfAdaptation.update(cdf, off, n, symbol);
        }
        return symbol;
    }

    /**
     * {@link #decodeUpTo8} for exactly eight symbols (8-colour palettes: every sample of a noisy plane), its
     * loop of constant length unrolled by the JIT.
     */
    private int decode8(int[] cdf, int off) {
        int value = (int) (win >>> cnt);
        int r = rng;
        int r8 = r >>> 8;
        int[] b = bounds;
        b[0] = r;
        int symbol = 0;
        for (int k = 0; k < 7; k++) {
            int cur = ((r8 * ((32768 - cdf[off + k]) >>> 6)) >>> 1) + 4 * (7 - k);
            b[k + 1] = cur;
            symbol += (value - cur) >>> 31;
        }
        b[8] = 0;
        int cur = b[symbol + 1];
        renormalize(b[symbol] - cur, cur);
        if (adapt) {
            CdfAdaptation.update(cdf, off, 8, symbol);
        }
        return symbol;
    }

    /** {@link #decodeColorMap}: each colour context's CDF as a {@link PackedCdf} (low, high) and its counter. */
    private final long[] packedCdfs = new long[2 * PALETTE_CONTEXTS];

    private final int[] packedCounts = new int[PALETTE_CONTEXTS];

    /** {@link #decodeColorMap}: a diagonal's {@link PaletteCoder#diagonalKeys}. */
    private final int[] diagonal = new int[64];

    /** {@link #decodeColorMap}: the range at bytes 4..7, then the bounds of symbols 0..7 as little-endian ints. */
    private final byte[] boundBytes = new byte[40];

    /**
     * The constants 4 * (n - 1 - k) of read_symbol's bounds of symbols {@code k} and {@code k + 1} of an n-symbol
     * CDF in the low and high halves of a long, 0 from symbol n - 1 on.
     */
    private static long minProbabilities(int n, int k) {
        return Math.max(0, 4 * (n - 1 - k)) | (long) Math.max(0, 4 * (n - 2 - k)) << 32;
    }

    /** Colour contexts of a palette colour map (PALETTE_COLOR_CONTEXTS of the spec). */
    static final int PALETTE_CONTEXTS = 5;

    /**
     * The colour indices of a palette map of {@code n} colours after its first one (palette_tokens( ), spec
     * 5.11.49), in the spec's wavefront order, written to {@code map[r * stride + c]} for the on-screen
     * {@code w x h}: per anti-diagonal, first each sample's context and ColorOrder key
     * ({@link PaletteCoder#diagonalKeys}), then read_symbol for each with this decoder's state in locals and the five colour CDFs at {@code cdf[off + (n + 1) *
     * context]} as {@link PackedCdf}s for the whole map (written back at its end). A call per symbol stored and
     * reloaded the state every time; the symbols of noisy planes are nearly all colour indices.
     */
    void decodeColorMap(int[] cdf, int off, int n, int[] map, int stride, int w, int h) {
        long[] lanes = packedCdfs;
        int[] counts = packedCounts;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            int o = off + (n + 1) * k;
            lanes[2 * k] = PackedCdf.pack(cdf, o, n, 0);
            lanes[2 * k + 1] = PackedCdf.pack(cdf, o, n, 4);
            counts[k] = cdf[o + n];
        }
        int rateBase = 3 + (n >= 4 ? 2 : 1);
        // The bound of symbol k is ((r >>> 8) * scaled) >>> 1 plus 4 * (n - 1 - k), computed for two symbols at a
        // time in the halves of a long: from symbol n - 1 on the lanes are 0 and so are the added constants, so
        // those bounds are 0 (never above the value) and eight serve every palette size.
        long add01 = minProbabilities(n, 0);
        long add23 = minProbabilities(n, 2);
        long add45 = minProbabilities(n, 4);
        long add67 = minProbabilities(n, 6);
        // Up to four colours the high longs are all zero, and so are their bounds and updates.
        boolean wide = n > 4;
        long wv = win;
        int c = cnt;
        int r = rng;
        int p = pos;
        byte[] data = buf;
        // The last position from which eight bytes can be read within the tile.
        int fastEnd = start + size - 8;
        byte[] b = boundBytes;
        for (int i = 1; i < h + w - 1; i++) {
            int jLo = Math.max(0, i - h + 1);
            int jHi = Math.min(i, w - 1);
            // The entry's offset steps down a row and left a column: no multiply per sample.
            int o0 = (i - jHi) * stride + jHi;
            // First the diagonal's keys and contexts (its neighbours are on the two diagonals before), as dav1d's
            // order_palette, so that the symbol loop below does no neighbour loads or edge tests.
            int[] keys = diagonal;
            int len = jHi - jLo + 1;
            PaletteCoder.diagonalKeys(map, stride, o0, i - jHi, jLo == 0, len, keys);
            for (int m = 0, o = o0; m < len; m++, o += stride - 1) {
                int e = keys[m];
                int k = e & 7;
                long low4 = lanes[2 * k];
                long high4 = lanes[2 * k + 1];
                int value = (int) (wv >>> c);
                long r8 = r >>> 8;
                long b01 = (((PackedCdf.scaledPair(low4, 0) * r8) >>> 1) & SIXTEEN_BITS_PAIR) + add01;
                long b23 = (((PackedCdf.scaledPair(low4, 1) * r8) >>> 1) & SIXTEEN_BITS_PAIR) + add23;
                long b45 = 0;
                long b67 = 0;
                if (wide) {
                    b45 = (((PackedCdf.scaledPair(high4, 0) * r8) >>> 1) & SIXTEEN_BITS_PAIR) + add45;
                    b67 = (((PackedCdf.scaledPair(high4, 1) * r8) >>> 1) & SIXTEEN_BITS_PAIR) + add67;
                }
                // bound + 0xFFFF - value reaches bit 16 of its half exactly when value < bound; bounds and value are
                // below 2^16, so no half carries into the next. The symbol is the number of bounds above the value
                // (they decrease): no branch to mispredict.
                long v = (0xFFFFL - value) * ONE_PAIR;
                long above01 = (b01 + v) & BIT16_PAIR;
                long above23 = (b23 + v) & BIT16_PAIR;
                long above45 = (b45 + v) & BIT16_PAIR;
                long above67 = (b67 + v) & BIT16_PAIR;
                int symbol = Long.bitCount(above01)
                        + Long.bitCount(above23)
                        + Long.bitCount(above45)
                        + Long.bitCount(above67);
                // The bounds as ints in symbol order after the range: bound k - 1 (the range for k = 0) and bound k
                // are the two ints at 4 + 4 * symbol.
                INT_LE.set(b, 4, r);
                LONG_LE.set(b, 8, b01);
                LONG_LE.set(b, 16, b23);
                LONG_LE.set(b, 24, b45);
                LONG_LE.set(b, 32, b67);
                int cur = (int) INT_LE.get(b, 8 + 4 * symbol);
                int newRange = (int) INT_LE.get(b, 4 + 4 * symbol) - cur;
                wv -= (long) cur << c;
                int d = Integer.numberOfLeadingZeros(newRange) - 16;
                r = newRange << d;
                c -= d;
                if (c < 16) {
                    if (p <= fastEnd) {
                        // refill()'s bytes (as many as bring the count above 40) from one 8-byte read, with no
                        // loop whose trip count (4 or 5) the branch predictor has to guess.
                        int bytes = (48 - c) >>> 3;
                        long next = ~(long) BIG_ENDIAN_LONG.get(data, p);
                        wv = (wv << (8 * bytes)) | (next >>> (64 - 8 * bytes));
                        c += 8 * bytes;
                        p += bytes;
                    } else {
                        win = wv;
                        cnt = c;
                        pos = p;
                        refill();
                        wv = win;
                        c = cnt;
                        p = pos;
                    }
                }
                if (adapt) {
                    int count = counts[k];
                    int rate = rateBase + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0);
                    lanes[2 * k] = PackedCdf.adapt(low4, rate, symbol, false);
                    if (wide) {
                        lanes[2 * k + 1] = PackedCdf.adapt(high4, rate, symbol, true);
                    }
                    if (count < 32) {
                        counts[k] = count + 1;
                    }
                }
                map[o] = PaletteCoder.orderAt(e - k + symbol);
            }
        }
        win = wv;
        cnt = c;
        rng = r;
        pos = p;
        for (int k = 0; k < PALETTE_CONTEXTS; k++) {
            int o = off + (n + 1) * k;
            PackedCdf.unpack(lanes[2 * k], cdf, o, n, 0);
            PackedCdf.unpack(lanes[2 * k + 1], cdf, o, n, 4);
            cdf[o + n] = counts[k];
        }
    }

    /** One entry of the spec 8.2.6 CDF update: towards 0 below the decoded symbol, towards 32768 from it on. */
    private static int adapted(int c, int rate, boolean belowSymbol) {
        return belowSymbol ? c - (c >> rate) : c + ((32768 - c) >> rate);
    }

    /** A symbol whose CDF is built on the fly (split_or_horz, split_or_vert) and therefore not adapted. */
    int decodeFixed(int[] cdf, int off, int n) {
        int value = (int) (win >>> cnt);
        int r8 = rng >>> 8;
        int symbol = -1;
        int prev;
        int cur = rng;
        do {
            symbol++;
            prev = cur;
            cur = ((r8 * ((32768 - cdf[off + symbol]) >>> 6)) >>> 1) + 4 * (n - symbol - 1);
        } while (value < cur);
        renormalize(prev - cur, cur);
        return symbol;
    }

    /** read_bool(): a symbol with the fixed one-half CDF, never adapted. */
    int decodeBool() {
        long w = win;
        int c = cnt;
        int r = rng;
        // The bound of the one-half CDF, ((r >>> 8) * (16384 >>> 6) >>> 1) + 4, and the bit chosen without a branch
        // (random bits such as coefficient signs and palette colours would mispredict one).
        int v = ((r >>> 8) << 7) + 4;
        int bit = ((int) (w >>> c) - v) >>> 31;
        int zero = bit - 1;
        w -= ((long) v << c) & zero;
        r = ((r - v) & zero) | (v & ~zero);
        int d = Integer.numberOfLeadingZeros(r) - 16;
        win = w;
        rng = r << d;
        cnt = c - d;
        if (c - d < 16) {
            refill();
        }
        return bit;
    }

    /** read_literal( n ): n bools, the decoder state kept in locals between them, each bit chosen as in decodeBool. */
    int decodeLiteral(int n) {
        int x = 0;
        long w = win;
        int c = cnt;
        int r = rng;
        for (int i = 0; i < n; i++) {
            int v = ((r >>> 8) << 7) + 4;
            int bit = ((int) (w >>> c) - v) >>> 31;
            int zero = bit - 1;
            w -= ((long) v << c) & zero;
            r = ((r - v) & zero) | (v & ~zero);
            int d = Integer.numberOfLeadingZeros(r) - 16;
            r <<= d;
            c -= d;
            x = (x << 1) | bit;
            if (c < 16) {
                win = w;
                cnt = c;
                refill();
                w = win;
                c = cnt;
            }
        }
        win = w;
        cnt = c;
        rng = r;
        return x;
    }

    private void renormalize(int newRange, int cur) {
        win -= (long) cur << cnt;
        int d = Integer.numberOfLeadingZeros(newRange) - 16;
        rng = newRange << d;
        cnt -= d;
        if (cnt < 16) {
            refill();
        }
    }

    /**
     * exit_symbol (spec 8.2.5): the bit at the renormalisation count must be the trailing one bit, every
     * later bit of the tile must be zero, and at most 14 padding bits may have been consumed.
     */
    void exit(String where) throws Av1FormatException {
        long totalBits = 8L * size;
        long renormBits = 8L * (pos - start) - cnt - 15;
        if (renormBits > totalBits - 1) {
            throw new Av1FormatException("tile data of " + where + " (" + size + " bytes at offset " + start
                    + ") ends before its symbols: truncated or corrupt");
        }
        long t = renormBits;
        int byteIndex = start + (int) (t >>> 3);
        int bitInByte = 7 - (int) (t & 7);
        if (((buf[byteIndex] >>> bitInByte) & 1) != 1) {
            throw new Av1FormatException("missing trailing one bit of " + where + " at offset " + byteIndex);
        }
        int lowMask = (1 << bitInByte) - 1;
        if ((buf[byteIndex] & lowMask) != 0) {
            throw new Av1FormatException(
                    "non-zero padding after the trailing bit of " + where + " at offset " + byteIndex);
        }
        for (int i = byteIndex + 1; i < start + size; i++) {
            if (buf[i] != 0) {
                throw new Av1FormatException("non-zero padding after the trailing bit of " + where + " at offset " + i);
            }
        }
    }
}
