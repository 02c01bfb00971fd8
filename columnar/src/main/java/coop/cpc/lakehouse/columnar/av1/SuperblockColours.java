package coop.cpc.lakehouse.columnar.av1;

/**
 * The values of one superblock of at most {@link PaletteChooser#MAX_DISTINCT} distinct values, counted once so that
 * the palette trials of its blocks need no pass of their own over the samples: each on-screen sample's colour (the
 * index of its value in first-seen order), per 4x4 the set of colours it holds, and prefix sums of each colour's
 * count over the 4x4s. The palette of a block of whole 4x4s ({@link #choose}) is then the one {@link
 * PaletteChooser#choose} picks from the block's samples (it depends only on how often each value occurs), and
 * {@link #cellsOutside} counts the 4x4s that hold a value outside it (each costs a coded residual).
 */
final class SuperblockColours {
    static final int MAX_COLOURS = PaletteChooser.MAX_DISTINCT;

    /** Sample values are below this (bit depths up to 12). */
    private static final int VALUE_LIMIT = 1 << 12;

    /** {@link #stamp} wraps here: stamp * 32 + 31 must stay a non-negative int. */
    private static final int STAMP_LIMIT = 1 << 26;

    private final int[] values = new int[MAX_COLOURS];
    private int count;
    /** Per sample value: stamp * 32 + its colour, valid where the stamp part equals {@link #stamp}. */
    private final int[] slot = new int[VALUE_LIMIT];

    private int stamp;
    /** Each on-screen sample's colour, row stride 64. */
    private final int[] colour = new int[64 * 64];
    /** Per 4x4 (row stride 16): bit c set when colour c occurs in it. */
    private final int[] cellColours = new int[256];
    /**
     * sums[(cy * 17 + cx) * 8 + k]: how often colours 4k .. 4k + 3 occur (16-bit lanes) in the 4x4s of rows below cy
     * and columns below cx.
     */
    private final long[] sums = new long[17 * 17 * 8];

    /** rowTransitions[y * 65 + x]: the t in 1..x-1 whose colour differs from that of t - 1 in row y. */
    private final int[] rowTransitions = new int[64 * 65];

    private boolean sumsReady;
    private final int[] totals = new int[MAX_COLOURS];
    private final long[] lanes = new long[8];
    private final int[] counts = new int[MAX_COLOURS];
    /** pick: the keys of the (at most eight) most frequent colours, descending. */
    private final int[] top = new int[8];

    private int present;
    private int width;
    private int height;

    /**
     * Counts the w x h samples at (x0, y0) of {@code plane} (w and h at most 64, multiples of 4); returns false, and
     * holds nothing, when they have more than {@link #MAX_COLOURS} distinct values.
     */
    boolean index(int[] plane, int stride, int x0, int y0, int w, int h) {
        count = 0;
        if (++stamp == STAMP_LIMIT) {
            java.util.Arrays.fill(slot, 0);
            stamp = 1;
        }
        int stamped = stamp << 5;
        int n = 0;
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            int o = y * 64;
            for (int x = 0; x < w; x++) {
                int v = plane[row + x];
                int c = slot[v] - stamped;
                if (c >>> 5 != 0) {
                    if (n == MAX_COLOURS) {
                        return false;
                    }
                    slot[v] = stamped + n;
                    values[n] = v;
                    totals[n] = 0;
                    c = n++;
                }
                colour[o + x] = c;
                totals[c]++;
            }
        }
        count = n;
        width = w;
        height = h;
        sumsReady = false;
        return true;
    }

    /** Fills the per-4x4 colour sets, the prefix sums of the colours' counts and the rows' transitions. */
    private void prefixSums() {
        sumsReady = true;
        int w = width;
        int h = height;
        int cw = w >> 2;
        int ch = h >> 2;
        for (int cx = 0; cx <= cw; cx++) {
            java.util.Arrays.fill(sums, cx * 8, cx * 8 + 8, 0L);
        }
        for (int cy = 0; cy < ch; cy++) {
            int above = cy * 17 * 8;
            int cur = (cy + 1) * 17 * 8;
            java.util.Arrays.fill(sums, cur, cur + 8, 0L);
            java.util.Arrays.fill(lanes, 0L);
            for (int cx = 0; cx < cw; cx++) {
                int set = 0;
                for (int i = 0; i < 4; i++) {
                    int o = (cy * 4 + i) * 64 + cx * 4;
                    for (int j = 0; j < 4; j++) {
                        int c = colour[o + j];
                        set |= 1 << c;
                        lanes[c >>> 2] += 1L << (16 * (c & 3));
                    }
                }
                cellColours[cy * 16 + cx] = set;
                int dst = cur + (cx + 1) * 8;
                int up = above + (cx + 1) * 8;
                for (int k = 0; k < 8; k++) {
                    sums[dst + k] = sums[up + k] + lanes[k];
                }
            }
        }
        RowTransitions.fill(colour, w, h, rowTransitions);
    }

    /** The number of distinct values counted, or 0 when {@link #index} refused the superblock. */
    int count() {
        return count;
    }

    /** The value of colour {@code c}. */
    int value(int c) {
        return values[c];
    }

    /** The colour of the sample at (x, y) of the superblock. */
    int colourAt(int x, int y) {
        return colour[y * 64 + x];
    }

    /** The colours, row stride 64 (read only). */
    int[] colours() {
        return colour;
    }

    /**
     * The palette {@link PaletteChooser#choose} picks for the w x h samples at (x0, y0) of the superblock (multiples
     * of 4, inside what {@link #index} counted): returns its size with the colours ascending in {@code colors}, or 0.
     * Afterwards {@link #blockCount} tells how often a colour occurs in that block.
     */
    int choose(int x0, int y0, int w, int h, int[] colors) {
        if (x0 == 0 && y0 == 0 && w == width && h == height) {
            System.arraycopy(totals, 0, counts, 0, count);
            return pick(w * h, colors);
        }
        if (!sumsReady) {
            prefixSums();
        }
        int a = ((y0 >> 2) * 17 + (x0 >> 2)) * 8;
        int b = ((y0 >> 2) * 17 + ((x0 + w) >> 2)) * 8;
        int c = (((y0 + h) >> 2) * 17 + (x0 >> 2)) * 8;
        int d = (((y0 + h) >> 2) * 17 + ((x0 + w) >> 2)) * 8;
        for (int k = 0; k < 8; k++) {
            lanes[k] = (sums[d + k] + sums[a + k]) - (sums[b + k] + sums[c + k]);
        }
        for (int i = 0; i < count; i++) {
            counts[i] = (int) ((lanes[i >>> 2] >>> (16 * (i & 3))) & 0xFFFF);
        }
        return pick(w * h, colors);
    }

    /** {@link #choose} from the block's counts of each colour ({@link #counts}) and its number of samples. */
    private int pick(int samples, int[] colors) {
        // As the chooser: the eight most frequent, the smaller value first among equal counts. A colour's key is
        // its count, then its value reversed (values are below 2^12, counts at most 4,096): the eight largest keys,
        // kept in descending order by insertion.
        int n = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int k = counts[i];
            if (k == 0) {
                continue;
            }
            n++;
            int key = (k << 12) | (VALUE_LIMIT - 1 - values[i]);
            if (kept == 8 && key <= top[7]) {
                continue;
            }
            int at = kept < 8 ? kept++ : 7;
            while (at > 0 && top[at - 1] < key) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = key;
        }
        present = n;
        if (n > 8) {
            int covered = 0;
            for (int k = 0; k < 8; k++) {
                covered += top[k] >>> 12;
            }
            if (4 * covered < 3 * samples) {
                return 0;
            }
        }
        int size = kept;
        for (int k = 0; k < size; k++) {
            colors[k] = VALUE_LIMIT - 1 - (top[k] & (VALUE_LIMIT - 1));
        }
        if (size == 1) {
            colors[size++] = colors[0] == 0 ? 1 : colors[0] - 1;
        }
        java.util.Arrays.sort(colors, 0, size);
        return size;
    }

    /** Distinct values in the block of the last {@link #choose}. */
    int blockColours() {
        return present;
    }

    /** How often colour {@code c} occurs in the block of the last {@link #choose}. */
    int blockCount(int c) {
        return counts[c];
    }

    /**
     * The number of 4x4s of the w x h samples at (x0, y0) (multiples of 4) that hold a colour whose bit is clear in
     * {@code inside}.
     */
    int cellsOutside(int x0, int y0, int w, int h, int inside) {
        if (!sumsReady) {
            prefixSums();
        }
        int outside = ~inside;
        int n = 0;
        for (int cy = y0 >> 2; cy < (y0 + h) >> 2; cy++) {
            for (int cx = x0 >> 2; cx < (x0 + w) >> 2; cx++) {
                n += (cellColours[cy * 16 + cx] & outside) != 0 ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The samples of the w x h block at (x0, y0) (multiples of 4, after a {@link #choose} of a block) whose colour
     * differs from that of their left neighbour, or in the block's first column from the one above.
     */
    int transitions(int x0, int y0, int w, int h) {
        if (!sumsReady) {
            prefixSums();
        }
        return RowTransitions.count(colour, rowTransitions, x0, y0, w, h);
    }

    /** Whether the 4x4 at cell (cx, cy) holds a colour whose bit is clear in {@code inside}. */
    boolean cellOutside(int cx, int cy, int inside) {
        if (!sumsReady) {
            prefixSums();
        }
        return (cellColours[cy * 16 + cx] & ~inside) != 0;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
