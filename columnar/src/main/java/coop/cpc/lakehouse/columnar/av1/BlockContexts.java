package coop.cpc.lakehouse.columnar.av1;

import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PALETTE_Y_MODE;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PARTITION_W16;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PARTITION_W32;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PARTITION_W64;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_PARTITION_W8;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_SKIP;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_Y_MODE;

import java.util.Arrays;

/**
 * The neighbour state that block-level CDF selection (spec 8.3.2) reads, kept as one row above and one
 * column to the left of the current position (all in 4x4 "mi" units), and the derivations themselves. The
 * encoder and the decoder share this class, so both select the same CDFs by construction.
 *
 * <p>Above arrays are indexed by absolute mi column and cleared per tile (clear_above_context); left arrays
 * by mi row within the 64x64 superblock and cleared per superblock row (clear_left_context). Availability
 * (AvailU / AvailL) is is_inside( ) of the current tile, so stale entries from another tile are never read.
 */
final class BlockContexts {
    /** Intra_Mode_Context of spec 8.3.2. */
    private static final int[] INTRA_MODE_CONTEXT = {0, 1, 2, 3, 4, 4, 4, 4, 3, 0, 1, 2, 0};

    /** The row above, indexed by absolute mi column. */
    private final Edge above;
    /** The column to the left, indexed by mi row within the superblock. */
    private final Edge left = new Edge(32);

    private int rowStart;
    private int colStart;

    /**
     * One edge of the neighbourhood: per mi position the block size across the edge (width log2 above, height log2
     * left), y mode, skip, palette size and colours (8 a position), and the coefficient contexts (culLevel, dc
     * category). Blocks and transform blocks record both edges the same way.
     */
    private static final class Edge {
        final int[] sizeLog2;
        final int[] mode;
        final int[] skip;
        final int[] paletteSize;
        final int[] paletteColors;
        final int[] level;
        final int[] dc;

        Edge(int n) {
            sizeLog2 = new int[n];
            mode = new int[n];
            skip = new int[n];
            paletteSize = new int[n];
            paletteColors = new int[n * 8];
            level = new int[n];
            dc = new int[n];
        }

        /**
         * A block of {@code 1 << blockLog2} mi along this edge from {@code from} on; a skipped one clears its
         * coefficient contexts.
         */
        void recordBlock(int from, int blockLog2, int blockMode, boolean skipped, int colours, int[] palette) {
            int end = from + (1 << blockLog2);
            int s = skipped ? 1 : 0;
            for (int i = from; i < end; i++) {
                sizeLog2[i] = blockLog2;
                mode[i] = blockMode;
                skip[i] = s;
                paletteSize[i] = colours;
                if (colours > 0) {
                    System.arraycopy(palette, 0, paletteColors, 8 * i, colours);
                }
                if (skipped) {
                    level[i] = 0;
                    dc[i] = 0;
                }
            }
        }

        void clearCoefficients() {
            Arrays.fill(level, 0);
            Arrays.fill(dc, 0);
        }
    }

    BlockContexts(int miCols) {
        above = new Edge(miCols + 32);
    }

    void startTile(int miRowStart, int miColStart) {
        rowStart = miRowStart;
        colStart = miColStart;
        above.clearCoefficients();
    }

    void startSuperblockRow() {
        left.clearCoefficients();
    }

    private boolean availU(int r) {
        return r > rowStart;
    }

    private boolean availL(int c) {
        return c > colStart;
    }

    /** Number of partition symbols for a square block of width log2 {@code bsl} (in mi units). */
    static int partitionSymbols(int bsl) {
        return bsl == 1 ? 4 : 10;
    }

    /** Offset of the partition CDF (TilePartitionW8..W64Cdf[ctx]) for the square block at (r, c). */
    int partitionCdf(int r, int c, int bsl) {
        int aboveSmaller = availU(r) && above.sizeLog2[c] < bsl ? 1 : 0;
        int leftSmaller = availL(c) && left.sizeLog2[r & 15] < bsl ? 1 : 0;
        int ctx = leftSmaller * 2 + aboveSmaller;
        return switch (bsl) {
            case 1 -> OFF_PARTITION_W8 + 5 * ctx;
            case 2 -> OFF_PARTITION_W16 + 11 * ctx;
            case 3 -> OFF_PARTITION_W32 + 11 * ctx;
            default -> OFF_PARTITION_W64 + 11 * ctx;
        };
    }

    /**
     * The two-symbol CDF of split_or_horz ({@code horz}) or split_or_vert, built from the partition CDF at
     * {@code off} as spec 8.3.2 describes, written into {@code out[0..2]}.
     */
    static void splitCdf(int[] cdf, int off, boolean horz, int[] out) {
        int psum = prob(cdf, off, 3) + prob(cdf, off, 4) + prob(cdf, off, horz ? 2 : 1);
        if (horz) {
            psum += prob(cdf, off, 6) + prob(cdf, off, 7) + prob(cdf, off, 9);
        } else {
            psum += prob(cdf, off, 5) + prob(cdf, off, 6) + prob(cdf, off, 8);
        }
        out[0] = 32768 - psum;
        out[1] = 32768;
        out[2] = 0;
    }

    private static int prob(int[] cdf, int off, int symbol) {
        return cdf[off + symbol] - cdf[off + symbol - 1];
    }

    int skipCdf(int r, int c) {
        int ctx = 0;
        if (availU(r)) {
            ctx += above.skip[c];
        }
        if (availL(c)) {
            ctx += left.skip[r & 15];
        }
        return OFF_SKIP + 3 * ctx;
    }

    int yModeCdf(int r, int c) {
        int aboveCtx = INTRA_MODE_CONTEXT[availU(r) ? above.mode[c] : IntraPredictor.DC_PRED];
        int leftCtx = INTRA_MODE_CONTEXT[availL(c) ? left.mode[r & 15] : IntraPredictor.DC_PRED];
        return OFF_Y_MODE + 14 * (aboveCtx * 5 + leftCtx);
    }

    /** Offset of TilePaletteYModeCdf[bsizeCtx][ctx] for has_palette_y (spec 8.3.2). */
    int paletteModeCdf(int r, int c, int sizeCtx) {
        int ctx = (availU(r) && above.paletteSize[c] > 0 ? 1 : 0) + (availL(c) && left.paletteSize[r & 15] > 0 ? 1 : 0);
        return OFF_PALETTE_Y_MODE + 3 * (3 * sizeCtx + ctx);
    }

    /**
     * get_palette_cache( 0 ): the above palette only counts inside the same superblock row (the spec tests
     * (MiRow * MI_SIZE) % 64), the left one when it is inside the tile.
     */
    int paletteCache(PaletteCoder palette, int r, int c) {
        int aboveN = (r & 15) != 0 ? above.paletteSize[c] : 0;
        int leftN = availL(c) ? left.paletteSize[r & 15] : 0;
        return palette.buildCache(aboveN, above.paletteColors, 8 * c, leftN, left.paletteColors, 8 * (r & 15));
    }

    /**
     * Stores MiSizes / YModes / Skips / PaletteSizes / PaletteColors of a decoded block; a skipped block also
     * zeroes its coefficient contexts.
     */
    void recordBlock(int r, int c, int wLog2, int hLog2, int mode, boolean skip, int paletteSize, int[] paletteColors) {
        above.recordBlock(c, wLog2, mode, skip, paletteSize, paletteColors);
        left.recordBlock(r & 15, hLog2, mode, skip, paletteSize, paletteColors);
    }

    /** The all_zero context for a TX_4X4 luma block (spec 8.3.2); {@code wholeBlock} when the block is 4x4. */
    int allZeroCtx(int x4, int y4, boolean wholeBlock) {
        if (wholeBlock) {
            return 0;
        }
        int top = above.level[x4];
        int side = left.level[y4 & 15];
        if (top == 0 && side == 0) {
            return 1;
        }
        int max = Math.max(top, side);
        if (top == 0 || side == 0) {
            return 2 + (max > 3 ? 1 : 0);
        }
        if (max <= 3) {
            return 4;
        }
        return Math.min(top, side) <= 3 ? 5 : 6;
    }

    int dcSignCtx(int x4, int y4) {
        int dcSign = dcValue(above.dc[x4]) + dcValue(left.dc[y4 & 15]);
        return dcSign < 0 ? 1 : (dcSign > 0 ? 2 : 0);
    }

    private static int dcValue(int category) {
        return category == 1 ? -1 : (category == 2 ? 1 : 0);
    }

    /** Stores culLevel and dcCategory of a coded transform block (end of coeffs( ), spec 5.11.39). */
    void recordCoefficients(int x4, int y4, int packed) {
        int culLevel = (packed >> 2) & 63;
        int dcCategory = packed & 3;
        above.level[x4] = culLevel;
        above.dc[x4] = dcCategory;
        left.level[y4 & 15] = culLevel;
        left.dc[y4 & 15] = dcCategory;
    }

    boolean haveAbove(int y4) {
        return y4 > rowStart;
    }

    boolean haveLeft(int x4) {
        return x4 > colStart;
    }
}
