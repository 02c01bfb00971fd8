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

    private final int[] aboveWidthLog2;
    private final int[] aboveMode;
    private final int[] aboveSkip;
    private final int[] aboveLevel;
    private final int[] aboveDc;
    private final int[] abovePaletteSize;
    private final int[] abovePaletteColors;
    private final int[] leftPaletteSize = new int[32];
    private final int[] leftPaletteColors = new int[32 * 8];
    private final int[] leftHeightLog2 = new int[32];
    private final int[] leftMode = new int[32];
    private final int[] leftSkip = new int[32];
    private final int[] leftLevel = new int[32];
    private final int[] leftDc = new int[32];
    private int rowStart;
    private int colStart;

    BlockContexts(int miCols) {
        int n = miCols + 32;
        aboveWidthLog2 = new int[n];
        aboveMode = new int[n];
        aboveSkip = new int[n];
        aboveLevel = new int[n];
        aboveDc = new int[n];
        abovePaletteSize = new int[n];
        abovePaletteColors = new int[n * 8];
    }

    void startTile(int miRowStart, int miColStart) {
        rowStart = miRowStart;
        colStart = miColStart;
        Arrays.fill(aboveLevel, 0);
        Arrays.fill(aboveDc, 0);
    }

    void startSuperblockRow() {
        Arrays.fill(leftLevel, 0);
        Arrays.fill(leftDc, 0);
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
        int above = availU(r) && aboveWidthLog2[c] < bsl ? 1 : 0;
        int left = availL(c) && leftHeightLog2[r & 15] < bsl ? 1 : 0;
        int ctx = left * 2 + above;
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
            ctx += aboveSkip[c];
        }
        if (availL(c)) {
            ctx += leftSkip[r & 15];
        }
        return OFF_SKIP + 3 * ctx;
    }

    int yModeCdf(int r, int c) {
        int above = INTRA_MODE_CONTEXT[availU(r) ? aboveMode[c] : IntraPredictor.DC_PRED];
        int left = INTRA_MODE_CONTEXT[availL(c) ? leftMode[r & 15] : IntraPredictor.DC_PRED];
        return OFF_Y_MODE + 14 * (above * 5 + left);
    }

    /** Offset of TilePaletteYModeCdf[bsizeCtx][ctx] for has_palette_y (spec 8.3.2). */
    int paletteModeCdf(int r, int c, int sizeCtx) {
        int ctx = (availU(r) && abovePaletteSize[c] > 0 ? 1 : 0) + (availL(c) && leftPaletteSize[r & 15] > 0 ? 1 : 0);
        return OFF_PALETTE_Y_MODE + 3 * (3 * sizeCtx + ctx);
    }

    /**
     * get_palette_cache( 0 ): the above palette only counts inside the same superblock row (the spec tests
     * (MiRow * MI_SIZE) % 64), the left one when it is inside the tile.
     */
    int paletteCache(PaletteCoder palette, int r, int c) {
        int aboveN = (r & 15) != 0 ? abovePaletteSize[c] : 0;
        int leftN = availL(c) ? leftPaletteSize[r & 15] : 0;
        return palette.buildCache(aboveN, abovePaletteColors, 8 * c, leftN, leftPaletteColors, 8 * (r & 15));
    }

    /**
     * Stores MiSizes / YModes / Skips / PaletteSizes / PaletteColors of a decoded block; a skipped block also
     * zeroes its coefficient contexts.
     */
    void recordBlock(int r, int c, int wLog2, int hLog2, int mode, boolean skip, int paletteSize, int[] paletteColors) {
        int w4 = 1 << wLog2;
        int h4 = 1 << hLog2;
        int s = skip ? 1 : 0;
        for (int i = c; i < c + w4; i++) {
            aboveWidthLog2[i] = wLog2;
            aboveMode[i] = mode;
            aboveSkip[i] = s;
            abovePaletteSize[i] = paletteSize;
            if (paletteSize > 0) {
                System.arraycopy(paletteColors, 0, abovePaletteColors, 8 * i, paletteSize);
            }
            if (skip) {
                aboveLevel[i] = 0;
                aboveDc[i] = 0;
            }
        }
        int r0 = r & 15;
        for (int i = r0; i < r0 + h4; i++) {
            leftHeightLog2[i] = hLog2;
            leftMode[i] = mode;
            leftSkip[i] = s;
            leftPaletteSize[i] = paletteSize;
            if (paletteSize > 0) {
                System.arraycopy(paletteColors, 0, leftPaletteColors, 8 * i, paletteSize);
            }
            if (skip) {
                leftLevel[i] = 0;
                leftDc[i] = 0;
            }
        }
    }

    /** The all_zero context for a TX_4X4 luma block (spec 8.3.2); {@code wholeBlock} when the block is 4x4. */
    int allZeroCtx(int x4, int y4, boolean wholeBlock) {
        if (wholeBlock) {
            return 0;
        }
        int top = aboveLevel[x4];
        int left = leftLevel[y4 & 15];
        if (top == 0 && left == 0) {
            return 1;
        }
        int max = Math.max(top, left);
        if (top == 0 || left == 0) {
            return 2 + (max > 3 ? 1 : 0);
        }
        if (max <= 3) {
            return 4;
        }
        return Math.min(top, left) <= 3 ? 5 : 6;
    }

    int dcSignCtx(int x4, int y4) {
        int dcSign = dcValue(aboveDc[x4]) + dcValue(leftDc[y4 & 15]);
        return dcSign < 0 ? 1 : (dcSign > 0 ? 2 : 0);
    }

    private static int dcValue(int category) {
        return category == 1 ? -1 : (category == 2 ? 1 : 0);
    }

    /** Stores culLevel and dcCategory of a coded transform block (end of coeffs( ), spec 5.11.39). */
    void recordCoefficients(int x4, int y4, int packed) {
        int culLevel = (packed >> 2) & 63;
        int dcCategory = packed & 3;
        aboveLevel[x4] = culLevel;
        aboveDc[x4] = dcCategory;
        leftLevel[y4 & 15] = culLevel;
        leftDc[y4 & 15] = dcCategory;
    }

    boolean haveAbove(int y4) {
        return y4 > rowStart;
    }

    boolean haveLeft(int x4) {
        return x4 > colStart;
    }
}
