package coop.cpc.lakehouse.columnar.av1;

import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PALETTE_COLOR;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PALETTE_Y_SIZE;

/**
 * Luma palette mode (a screen content tool, spec 5.11.46 palette_mode_info and 5.11.49 palette_tokens):
 * a block of 8x8 .. 64x64 lists up to eight sample values and codes, per sample, an index into that list.
 * For columns with few distinct values this is far cheaper than residuals. Colour lists and the colour
 * context of get_palette_color_context are shared by the writer and the reader.
 */
final class PaletteCoder {
    /** Palette_Color_Context of the spec, indexed by ColorContextHash. */
    private static final int[] COLOR_CONTEXT = {-1, -1, 0, -1, -1, 4, 3, 2, 1};

    /**
     * get_palette_color_context( ) depends only on the left, above-left and above indices (when present):
     * its context and ColorOrder are tabulated once per neighbour triple by running the spec's procedure,
     * so that coding a sample is a lookup (as dav1d's order_palette). Key = left * 64 + aboveLeft * 8 + above
     * with all three present, 512 + index when only the left or only the above one is. ORDER[key * 8 + k] is ColorOrder[k], SYMBOL[key * 8 + v]
     * its inverse (the symbol coding index v), CONTEXT[key] the context.
     */
    private static final int KEYS = 512 + 8;

    private static final byte[] ORDER = new byte[KEYS * 8];
    private static final byte[] SYMBOL = new byte[KEYS * 8];
    private static final byte[] CONTEXT = new byte[KEYS];
    /** CODED[key * 8 + v] = CONTEXT[key] * 8 + SYMBOL[key * 8 + v]: what {@link SymbolEncoder#encodeColorMap} codes. */
    private static final byte[] CODED = new byte[KEYS * 8];
    /** KEY_AND_CONTEXT[key] = key * 8 + CONTEXT[key]: see {@link #diagonalKeys}. */
    private static final int[] KEY_AND_CONTEXT = new int[KEYS];

    static {
        int[] scores = new int[8];
        int[] order = new int[8];
        for (int key = 0; key < KEYS; key++) {
            java.util.Arrays.fill(scores, 0);
            if (key < 512) {
                scores[key >> 6] += 2;
                scores[(key >> 3) & 7] += 1;
                scores[key & 7] += 2;
            } else {
                scores[key - 512] += 2;
            }
            CONTEXT[key] = (byte) sortedContext(scores, order);
            KEY_AND_CONTEXT[key] = key * 8 + CONTEXT[key];
            for (int i = 0; i < 8; i++) {
                ORDER[key * 8 + i] = (byte) order[i];
                SYMBOL[key * 8 + order[i]] = (byte) i;
            }
            for (int i = 0; i < 8; i++) {
                CODED[key * 8 + order[i]] = (byte) (CONTEXT[key] * 8 + i);
            }
        }
    }

    private final int[] cache = new int[16];
    private final boolean[] fromCache = new boolean[8];
    private final int[] rest = new int[8];
    /**
     * writeMap's scratch, made by the first writeMap (so that a decoder's coder does not allocate it): each map
     * entry's {@link #CODED} value in coding order.
     */
    private int[] inCodingOrder;

    /** writeMap's scratch: {@link #wavefrontEnds} of the map. */
    private int[] diagonalEnds;

    /** bsizeCtx of palette_mode_info. */
    static int sizeCtx(int wLog2, int hLog2) {
        return wLog2 + hLog2 - 2;
    }

    /**
     * The spec's procedure on given scores: orders the colours (first three by score, ties to the lower
     * index, the rest in index order) into {@code order} and returns Palette_Color_Context[ColorContextHash].
     * With eight colours: colours at or above a smaller palette size score 0 and never move ahead, so one
     * table serves every palette size.
     */
    private static int sortedContext(int[] scores, int[] order) {
        for (int i = 0; i < 8; i++) {
            order[i] = i;
        }
        for (int i = 0; i < 3; i++) {
            int maxScore = scores[i];
            int maxIdx = i;
            for (int j = i + 1; j < 8; j++) {
                if (scores[j] > maxScore) {
                    maxScore = scores[j];
                    maxIdx = j;
                }
            }
            if (maxIdx != i) {
                maxScore = scores[maxIdx];
                int maxColorOrder = order[maxIdx];
                for (int k = maxIdx; k > i; k--) {
                    scores[k] = scores[k - 1];
                    order[k] = order[k - 1];
                }
                scores[i] = maxScore;
                order[i] = maxColorOrder;
            }
        }
        int hash = scores[0] + 2 * scores[1] + 2 * scores[2];
        return COLOR_CONTEXT[hash];
    }

    /** The table key of the map entry (r, c) (not both 0). */
    static int key(int[] map, int stride, int r, int c) {
        return key(map, stride, r * stride + c, r, c);
    }

    /** {@link #key(int[], int, int, int)} given the entry's offset {@code o = r * stride + c}. */
    static int key(int[] map, int stride, int o, int r, int c) {
        if (r == 0) {
            return 512 + map[o - 1];
        }
        if (c == 0) {
            return 512 + map[o - stride];
        }
        return (map[o - 1] << 6) + (map[o - stride - 1] << 3) + map[o - stride];
    }

    /**
     * Into {@code out[0 .. len)}, for the {@code len} entries of an anti-diagonal, the table key times 8 plus
     * Palette_Color_Context (the low three bits; the rest plus a coded symbol is the {@link #orderAt} index of the
     * colour it stands for): the first entry at offset {@code o0} and row {@code row0}, each next one a row down and
     * a column left (offset + stride - 1), the last in column 0 when {@code endsInColumn0}. Only the first (row 0)
     * and the last (column 0) can lack a neighbour, so the entries between take the three-neighbour key with no
     * test (as dav1d's order_palette fills a diagonal's contexts before its symbols are read).
     */
    static void diagonalKeys(int[] map, int stride, int o0, int row0, boolean endsInColumn0, int len, int[] out) {
        int m = 0;
        int o = o0;
        if (row0 == 0) {
            out[0] = KEY_AND_CONTEXT[512 + map[o - 1]];
            m = 1;
            o += stride - 1;
        }
        int end = endsInColumn0 ? len - 1 : len;
        for (; m < end; m++, o += stride - 1) {
            out[m] = KEY_AND_CONTEXT[(map[o - 1] << 6) + (map[o - stride - 1] << 3) + map[o - stride]];
        }
        if (m < len) {
            out[m] = KEY_AND_CONTEXT[512 + map[o - stride]];
        }
    }

    /** ColorOrder[symbol] of the table key {@code key}, given {@code index = key * 8 + symbol}. */
    static int orderAt(int index) {
        return ORDER[index];
    }

    /** Palette_Color_Context of get_palette_color_context( ) for the map entry (r, c). */
    static int colorContext(int[] map, int stride, int r, int c) {
        return CONTEXT[key(map, stride, r, c)];
    }

    /** ColorOrder[k] at the map entry (r, c). */
    static int colorOrder(int[] map, int stride, int r, int c, int k) {
        return ORDER[key(map, stride, r, c) * 8 + k];
    }

    /** get_palette_cache( 0 ): the sorted union, without duplicates, of the above and left palettes. */
    int buildCache(int aboveN, int[] above, int aboveOff, int leftN, int[] left, int leftOff) {
        int a = 0;
        int l = 0;
        int n = 0;
        while (a < aboveN && l < leftN) {
            int aboveC = above[aboveOff + a];
            int leftC = left[leftOff + l];
            if (leftC < aboveC) {
                if (n == 0 || leftC != cache[n - 1]) {
                    cache[n++] = leftC;
                }
                l++;
            } else {
                if (n == 0 || aboveC != cache[n - 1]) {
                    cache[n++] = aboveC;
                }
                a++;
                if (leftC == aboveC) {
                    l++;
                }
            }
        }
        while (a < aboveN) {
            int v = above[aboveOff + a++];
            if (n == 0 || v != cache[n - 1]) {
                cache[n++] = v;
            }
        }
        while (l < leftN) {
            int v = left[leftOff + l++];
            if (n == 0 || v != cache[n - 1]) {
                cache[n++] = v;
            }
        }
        return n;
    }

    /** Writes palette_size_y_minus_2 and the colours (ascending, distinct) given the cache of size cacheN. */
    void writeColors(SymbolEncoder enc, int[] cdf, int sizeCtx, int[] colors, int size, int cacheN, int bitDepth) {
        enc.encode(cdf, OFF_PALETTE_Y_SIZE + 8 * sizeCtx, 7, size - 2);
        int idx = 0;
        java.util.Arrays.fill(fromCache, false);
        for (int i = 0; i < cacheN && idx < size; i++) {
            int pos = java.util.Arrays.binarySearch(colors, 0, size, cache[i]);
            boolean use = pos >= 0;
            enc.encodeBool(use ? 1 : 0);
            if (use) {
                fromCache[pos] = true;
                idx++;
            }
        }
        int restN = 0;
        for (int i = 0; i < size; i++) {
            if (!fromCache[i]) {
                rest[restN++] = colors[i];
            }
        }
        if (restN == 0) {
            return;
        }
        enc.encodeLiteral(rest[0], bitDepth);
        if (restN == 1) {
            return;
        }
        int minBits = bitDepth - 3;
        int needed = 0;
        for (int i = 1; i < restN; i++) {
            needed = Math.max(needed, 32 - Integer.numberOfLeadingZeros(rest[i] - rest[i - 1] - 1));
        }
        int extra = Math.max(0, needed - minBits);
        enc.encodeLiteral(extra, 2);
        int paletteBits = minBits + extra;
        for (int i = 1; i < restN; i++) {
            enc.encodeLiteral(rest[i] - rest[i - 1] - 1, paletteBits);
            int range = (1 << bitDepth) - rest[i] - 1;
            paletteBits = Math.min(paletteBits, ceilLog2(range));
        }
    }

    /** Reads what {@link #writeColors} writes into {@code colors} (sorted) and returns PaletteSizeY. */
    int readColors(SymbolDecoder dec, int[] cdf, int sizeCtx, int[] colors, int cacheN, int bitDepth) {
        int size = dec.decode(cdf, OFF_PALETTE_Y_SIZE + 8 * sizeCtx, 7) + 2;
        int idx = 0;
        for (int i = 0; i < cacheN && idx < size; i++) {
            if (dec.decodeBool() == 1) {
                colors[idx++] = cache[i];
            }
        }
        if (idx < size) {
            colors[idx++] = dec.decodeLiteral(bitDepth);
        }
        int paletteBits = 0;
        if (idx < size) {
            paletteBits = bitDepth - 3 + dec.decodeLiteral(2);
        }
        int max = (1 << bitDepth) - 1;
        while (idx < size) {
            int delta = dec.decodeLiteral(paletteBits) + 1;
            colors[idx] = Math.min(max, colors[idx - 1] + delta);
            int range = (1 << bitDepth) - colors[idx] - 1;
            paletteBits = Math.min(paletteBits, ceilLog2(range));
            idx++;
        }
        java.util.Arrays.sort(colors, 0, size);
        return size;
    }

    /** CeilLog2 of the spec (0 for x below 2). */
    static int ceilLog2(int x) {
        return x < 2 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }

    /** Writes palette_tokens( ) for the on-screen part of a colour map of row stride {@code stride}. */
    void writeMap(SymbolEncoder enc, int[] cdf, int[] map, int stride, int onscreenW, int onscreenH, int n) {
        writeNs(enc, map[0], n);
        if (inCodingOrder == null) {
            inCodingOrder = new int[64 * 64];
            diagonalEnds = new int[2 * 64];
        }
        // Each entry's context and symbol, computed in row order (its neighbours are all in the map already) with
        // no test per entry but the first column's, stored at its place in the spec's wavefront order: entry
        // (r, c) of anti-diagonal r + c at ends[r + c] - c.
        int[] ends = diagonalEnds;
        int count = wavefrontEnds(onscreenW, onscreenH, ends);
        int[] coded = inCodingOrder;
        for (int c = 1; c < onscreenW; c++) {
            coded[ends[c] - c] = CODED[(512 + map[c - 1]) * 8 + map[c]];
        }
        for (int r = 1; r < onscreenH; r++) {
            int o = r * stride;
            coded[ends[r]] = CODED[(512 + map[o - stride]) * 8 + map[o]];
            for (int c = 1; c < onscreenW; c++) {
                int key = (map[o + c - 1] << 6) + (map[o + c - stride - 1] << 3) + map[o + c - stride];
                coded[ends[r + c] - c] = CODED[key * 8 + map[o + c]];
            }
        }
        enc.encodeColorMap(cdf, OFF_PALETTE_COLOR[n], n, coded, count);
    }

    /**
     * Into {@code ends[d]}, for each anti-diagonal d of a w x h map, the wavefront position of its entry in column 0
     * (the diagonal is coded from its highest column down, so entry (r, c) of diagonal r + c is at ends[r + c] -
     * c); returns w * h.
     */
    static int wavefrontEnds(int w, int h, int[] ends) {
        int at = 0;
        for (int d = 0; d < w + h - 1; d++) {
            int hi = Math.min(d, w - 1);
            ends[d] = at + hi;
            at += hi - Math.max(0, d - h + 1) + 1;
        }
        return at;
    }

    /** Reads palette_tokens( ) and extends the map to the whole block as the spec does. */
    void readMap(
            SymbolDecoder dec,
            int[] cdf,
            int[] map,
            int stride,
            int onscreenW,
            int onscreenH,
            int blockW,
            int blockH,
            int n) {
        map[0] = readNs(dec, n);
        int off = OFF_PALETTE_COLOR[n];
        dec.decodeColorMap(cdf, off, n, map, stride, onscreenW, onscreenH);
        for (int i = 0; i < onscreenH; i++) {
            for (int j = onscreenW; j < blockW; j++) {
                map[i * stride + j] = map[i * stride + onscreenW - 1];
            }
        }
        for (int i = onscreenH; i < blockH; i++) {
            System.arraycopy(map, (onscreenH - 1) * stride, map, i * stride, blockW);
        }
    }

    /** NS( n ) of spec 4.10.10, coded with bools. */
    static void writeNs(SymbolEncoder enc, int value, int n) {
        int w = 32 - Integer.numberOfLeadingZeros(n);
        int m = (1 << w) - n;
        if (value < m) {
            enc.encodeLiteral(value, w - 1);
        } else {
            enc.encodeLiteral((value + m) >> 1, w - 1);
            enc.encodeBool((value + m) & 1);
        }
    }

    private static int readNs(SymbolDecoder dec, int n) {
        int w = 32 - Integer.numberOfLeadingZeros(n);
        int m = (1 << w) - n;
        int v = dec.decodeLiteral(w - 1);
        if (v < m) {
            return v;
        }
        return (v << 1) - m + dec.decodeBool();
    }
}
