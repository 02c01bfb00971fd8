package coop.cpc.lakehouse.columnar.av1;

/**
 * Chooses the partition tree and the intra mode of each block of one 64x64 superblock.
 *
 * <p>In a lossless frame the reconstruction equals the source, and a 4x4 transform block is predicted from
 * its reconstructed neighbours whatever the size of the block that contains it (haveLeft / haveAbove only
 * depend on the tile edges; the above-right and below-left samples are not read by the modes used). So the
 * residual of every 4x4 under every mode can be computed once from the source, and a block's cost under a
 * mode is the sum over its 4x4s. The tree search then compares NONE, HORZ, VERT and SPLIT bottom-up using
 * those sums plus estimated signalling costs; blocks of 8x8 and more that the intra modes code poorly also
 * try a palette (whose prediction does depend on the block, so it is costed per block). Costs are in
 * 1/16 bit.
 */
final class PartitionSearch {
    static final int PARTITION_NONE = 0;
    static final int PARTITION_HORZ = 1;
    static final int PARTITION_VERT = 2;
    static final int PARTITION_SPLIT = 3;

    private static final int[] MODES = IntraPredictor.SUPPORTED_MODES;
    private static final int NM = MODES.length;
    /** Mode index of a DC_PRED block with a palette (see {@link PaletteChooser}). */
    static final int PALETTE = NM;
    /** Index of DC_PRED in {@link #MODES}. */
    private static final int DC_INDEX = 0;
    /**
     * Estimated cost of a coefficient of each magnitude inside the end of block, 1/16 bit: about a bit for a
     * zero, two for coeff_base plus the sign bit for small levels, half a bit per further level unit while
     * coeff_br covers it, then the Exp-Golomb length.
     */
    private static final int[] LEVEL_COST = new int[4096];

    private static final int[] MODE_COST = new int[NM];
    private static final int ANGLE_COST = 16;
    /** Cost of an all-zero 4x4 (its all_zero flag); every block with a coefficient costs more. */
    private static final int ZERO_BLOCK_COST = 16;
    /**
     * The skip flag plus what a new block costs beyond its symbols (contexts that fit worse); tuned with
     * the mode costs below on synthetic series, where doubling the static mode cost gave ~1% on step data.
     */
    private static final int SKIP_FLAG_COST = 30;

    private static final int[][] PARTITION_COST = new int[5][4];
    /**
     * Palettes are only tried for blocks the other modes code at more than 1 bit per sample: on synthetic
     * boolean, categorical, step, sparse, low-entropy noise and smooth columns cheaper blocks gained nothing
     * from them, and skipping the search keeps the smoothest content fast.
     */
    private static final int PALETTE_TRY_COST_PER_SAMPLE = 16;

    static {
        LEVEL_COST[0] = 16;
        LEVEL_COST[1] = 48;
        LEVEL_COST[2] = 60;
        for (int l = 3; l < LEVEL_COST.length; l++) {
            if (l <= 14) {
                LEVEL_COST[l] = 72 + (l - 3) * 8;
            } else {
                int x = l - 14;
                int len = 32 - Integer.numberOfLeadingZeros(x);
                LEVEL_COST[l] = 72 + 11 * 8 + 16 * (2 * len - 1);
            }
        }
        int[] y = DefaultCdfs.INTRA_FRAME_Y_MODE;
        for (int i = 0; i < NM; i++) {
            int m = MODES[i];
            MODE_COST[i] = 2 * bits(y[m] - (m == 0 ? 0 : y[m - 1]));
        }
        int[][] tables = {
            null,
            DefaultCdfs.PARTITION_W8,
            DefaultCdfs.PARTITION_W16,
            DefaultCdfs.PARTITION_W32,
            DefaultCdfs.PARTITION_W64
        };
        for (int bsl = 1; bsl <= 4; bsl++) {
            for (int p = 0; p < 4; p++) {
                int[] t = tables[bsl];
                PARTITION_COST[bsl][p] = bits(t[p] - (p == 0 ? 0 : t[p - 1]));
            }
        }
    }

    private static int bits(int prob32768) {
        return (int) Math.round(-16 * Math.log(Math.max(prob32768, 1) / 32768.0) / Math.log(2));
    }

    /** Mode indices (into {@link #MODES}) that {@link SearchPreset#FAST} tries: DC_PRED and PAETH_PRED. */
    private static final int[] FAST_MODES = {DC_INDEX, 6};

    private static final int[] ALL_MODES = {0, 1, 2, 3, 4, 5, 6};
    private final int[] active;
    /** FAST: palettes are tried only in superblocks whose own palette would cover them (see analyse). */
    private final boolean gatePalettes;
    /** EXACT_PALETTES: palettes are tried only in superblocks of at most eight values. */
    private final boolean exactPalettesOnly;

    private boolean paletteWorthTrying;
    /** The current superblock has 9..32 values, counted in {@link #colours}. */
    private boolean coloursIndexed;

    private boolean countedPaletteExact;

    private final SuperblockColours colours = new SuperblockColours();
    /** Per colour of {@link #colours} present in the block of the last colour trial: its palette index, its residual. */
    private final int[] colourIndex = new int[SuperblockColours.MAX_COLOURS];

    private final int[] colourResidual = new int[SuperblockColours.MAX_COLOURS];
    /** The least {@link #coefficientCost} of a 4x4 with a residual (an all-zero 4x4 costs {@link #ZERO_BLOCK_COST}). */
    static final int MIN_RESIDUAL_BLOCK_COST = 16 + 32 + 48;

    /** Superblocks of 9..32 values are counted once for their palette trials (see {@link SuperblockColours}). */
    private final boolean countColours;

    PartitionSearch(SearchPreset preset) {
        this(preset, true);
    }

    /** With {@code countColours} false every palette trial of a superblock of more than eight values passes over its samples. */
    PartitionSearch(SearchPreset preset, boolean countColours) {
        this.active = preset == SearchPreset.THOROUGH ? ALL_MODES : FAST_MODES;
        this.gatePalettes = preset != SearchPreset.THOROUGH;
        this.exactPalettesOnly = preset == SearchPreset.EXACT_PALETTES;
        this.countColours = countColours;
    }

    private final IntraPredictor predictor = new IntraPredictor();
    private final int[] pred = new int[16];
    private final int[] residual = new int[16];
    /** Coefficients of every 4x4 (index k = row * 16 + col inside the superblock) under every mode. */
    final int[] coefficients = new int[NM * 256 * 16];

    private final int[] cost = new int[NM * 256];
    private final int[] nonZero = new int[NM * 256];
    private final int[] blockCost = new int[NM];
    private final int[] blockNonZero = new int[NM];
    private final int[] scratchMode = new int[1];

    /** Decisions: partition type per node of levels 0..3 (64, 32, 16, 8 samples), modes of its blocks. */
    private final int[][] partition = {new int[1], new int[4], new int[16], new int[64]};

    private final int[][] modeA = {new int[1], new int[4], new int[16], new int[64]};
    private final int[][] modeB = {new int[1], new int[4], new int[16], new int[64]};
    private final int[] mode4x4 = new int[256];

    private int miRows;
    private int miCols;
    private int[] plane;
    private int stride;
    private int bitDepth;
    private final PaletteChooser chooser = new PaletteChooser();
    private final int[] paletteColors = new int[8];
    private final int[] paletteMap = new int[64 * 64];
    private final int[] paletteCoefficients = new int[16];
    private final int[] indexCounts = new int[8];
    /**
     * When the superblock holds at most eight distinct values (sbColorCount > 0): those values ascending and
     * each on-screen sample's index among them (row stride 64). Every block's palette is then its own values,
     * all exact, so the palette trial needs neither the chooser nor residuals.
     */
    private final int[] sbColors = new int[8];

    private final int[] sbIndex = new int[64 * 64];
    private int sbColorCount;
    /**
     * Per sample value (below 2^12): stamp * 8 + its index in first-seen order among sbColors, valid where the
     * stamp part equals {@link #stamp} (one load per sample tells both).
     */
    private final int[] colorSlot = new int[1 << 12];

    private int stamp;
    /** {@link #stamp} wraps here: stamp * 8 + 7 must stay a non-negative int. */
    private static final int STAMP_LIMIT = 1 << 28;
    /**
     * Per sample value (below 2^12) of a block trial: the index of its nearest colour in the palette the trial
     * chose, valid where paletteColorStamp equals paletteStamp.
     */
    private final int[] paletteColorIndex = new int[1 << 12];

    private final int[] paletteColorStamp = new int[1 << 12];
    private int paletteStamp;
    /**
     * Prefix sums over the superblock of at most eight values, so that a block's palette trial costs O(its
     * height) instead of O(its samples): rowTransitions[y * 65 + x] = the number of t in 1..x-1 with
     * sbIndex(y, t) != sbIndex(y, t - 1); colorSums[(y * 65 + x) * 2 + k] = per colour the number of
     * samples in rows 0..y-1 and columns 0..x-1, four 16-bit lanes per long (colours 4k .. 4k + 3).
     */
    private final int[] rowTransitions = new int[64 * 65];

    private final int[] remap = new int[8];
    /** indexSuperblock: a colour's index among the ascending colours, by its index in first-seen order. */
    private final int[] rankOfFirstSeen = new int[8];
    /** indexSmallValues: a value's index among the superblock's ascending values (values below 64). */
    private final int[] rankOfSmallValue = new int[64];

    private int sbWidth;
    private int sbHeight;
    /** Samples of the superblock whose index differs from the previous one in raster order (the first: from above). */
    private int sbTransitions;

    private boolean sumsReady;
    /** See {@link #noisyPalette()}: 3/8 of the samples (random 3-bit samples have 7/8, step data far fewer). */
    private static final int NOISY_TRANSITIONS_PER_4096 = 1536;

    private final long[] colorSums = new long[65 * 65 * 2];

    static int nodeIndex(int r, int c, int level) {
        int shift = 4 - level;
        return (((r & 15) >> shift) << level) | ((c & 15) >> shift);
    }

    /** Partition chosen for the square node at (r, c) of the given level. */
    int partition(int r, int c, int level) {
        return partition[level][nodeIndex(r, c, level)];
    }

    /** Mode index (into {@link IntraPredictor#SUPPORTED_MODES}) of the node's only or first block. */
    int modeIndexA(int r, int c, int level) {
        return level == 4 ? mode4x4[((r & 15) << 4) | (c & 15)] : modeA[level][nodeIndex(r, c, level)];
    }

    /** Mode index of the second block of a HORZ or VERT node. */
    int modeIndexB(int r, int c, int level) {
        return modeB[level][nodeIndex(r, c, level)];
    }

    static int mode(int modeIndex) {
        return modeIndex == PALETTE ? IntraPredictor.DC_PRED : MODES[modeIndex];
    }

    /** Offset in {@link #coefficients} of the 4x4 at (y4, x4) under mode index {@code m}. */
    static int coefficientOffset(int m, int y4, int x4) {
        return ((m << 8) | ((y4 & 15) << 4) | (x4 & 15)) << 4;
    }

    /** All 4x4 blocks of the block (r, c, 1 << wLog2, 1 << hLog2) have zero coefficients under {@code m}. */
    boolean allZero(int m, int r, int c, int wLog2, int hLog2) {
        int rEnd = Math.min(r + (1 << hLog2), miRows);
        int cEnd = Math.min(c + (1 << wLog2), miCols);
        for (int y = r; y < rEnd; y++) {
            for (int x = c; x < cEnd; x++) {
                if (nonZero[(m << 8) | ((y & 15) << 4) | (x & 15)] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Computes the residual of every 4x4 of the superblock at (r0, c0) under every mode and searches the
     * partition tree. {@code plane} is the padded source (= the reconstruction).
     */
    void analyse(
            int[] plane,
            int stride,
            int bitDepth,
            BlockContexts ctx,
            int r0,
            int c0,
            int frameMiRows,
            int frameMiCols) {
        this.miRows = frameMiRows;
        this.miCols = frameMiCols;
        this.plane = plane;
        this.stride = stride;
        this.bitDepth = bitDepth;
        int rEnd = Math.min(r0 + 16, miRows);
        int cEnd = Math.min(c0 + 16, miCols);
        int sbW = (cEnd - c0) * 4;
        int sbH = (rEnd - r0) * 4;
        indexSuperblock(c0 * 4, r0 * 4, sbW, sbH);
        // Superblocks of 9..32 values are counted once for all their palette trials; the chooser's palette of the
        // whole superblock (FAST's gate) is then also a matter of counts.
        coloursIndexed = countColours
                && sbColorCount == 0
                && !exactPalettesOnly
                && colours.index(plane, stride, c0 * 4, r0 * 4, sbW, sbH);
        paletteWorthTrying = !gatePalettes
                || sbColorCount > 0
                || !exactPalettesOnly
                        && (countColours
                                ? coloursIndexed && colours.choose(0, 0, sbW, sbH, paletteColors) > 0
                                : chooser.choose(plane, stride, c0 * 4, r0 * 4, sbW, sbH, paletteColors) > 0);
        if (rEnd - r0 == 16 && cEnd - c0 == 16 && noisyPalette()) {
            partition[0][0] = PARTITION_NONE;
            modeA[0][0] = PALETTE;
            modeB[0][0] = 0;
            return;
        }
        for (int y4 = r0; y4 < rEnd; y4++) {
            boolean haveAbove = ctx.haveAbove(y4);
            for (int x4 = c0; x4 < cEnd; x4++) {
                boolean haveLeft = ctx.haveLeft(x4);
                int src = (y4 * 4) * stride + x4 * 4;
                for (int m : active) {
                    predictor.predict(plane, stride, x4 * 4, y4 * 4, haveLeft, haveAbove, MODES[m], bitDepth, pred);
                    for (int i = 0; i < 4; i++) {
                        int s = src + i * stride;
                        residual[4 * i] = plane[s] - pred[4 * i];
                        residual[4 * i + 1] = plane[s + 1] - pred[4 * i + 1];
                        residual[4 * i + 2] = plane[s + 2] - pred[4 * i + 2];
                        residual[4 * i + 3] = plane[s + 3] - pred[4 * i + 3];
                    }
                    int off = coefficientOffset(m, y4, x4);
                    Wht4x4.forward(residual, 0, coefficients, off);
                    int k = (m << 8) | ((y4 & 15) << 4) | (x4 & 15);
                    cost[k] = coefficientCost(coefficients, off);
                    nonZero[k] = cost[k] != ZERO_BLOCK_COST ? 1 : 0;
                }
            }
        }
        search(r0, c0, 0);
    }

    /**
     * Whether the whole superblock (on screen, at most eight values) is noisy enough to be coded as one 64x64
     * palette block without searching: at least {@link #NOISY_TRANSITIONS_PER_4096} of its 4,096 samples differ
     * from their neighbour in the colour map's order. On such content (narrow planes of near-random low bits)
     * the search chose palettes anyway, the intra modes' residuals cost more than the indices, and the palette
     * map's neighbour contexts still catch repeating patterns; skipping the 7-mode analysis and the tree search
     * is what makes these planes cheap to encode.
     */
    private boolean noisyPalette() {
        return sbColorCount >= 2 && sbTransitions >= NOISY_TRANSITIONS_PER_4096;
    }

    /**
     * The colour map of the whole current superblock (row stride 64) when it holds two to eight values, with
     * those values ascending in {@code colors}; returns their number, or 0.
     */
    int superblockPalette(int[] colors) {
        if (sbColorCount < 2) {
            return 0;
        }
        System.arraycopy(sbColors, 0, colors, 0, sbColorCount);
        return sbColorCount;
    }

    /** The index map that {@link #superblockPalette} describes. */
    int[] superblockMap() {
        return sbIndex;
    }

    /**
     * The palette of the block of {@code w} x {@code h} samples at (x0, y0) of the current superblock when that
     * superblock holds at most eight values: the block's own values ascending in {@code colors} (as {@link
     * PaletteChooser#choose} picks them) and each sample's index in {@code map} (row stride 64). Returns the size,
     * or 0 when the superblock has more values or the block only one (the caller then uses the chooser).
     */
    int exactPalette(int x0, int y0, int w, int h, int[] colors, int[] map) {
        if (sbColorCount == 0) {
            return 0;
        }
        int bx0 = x0 & 63;
        int by0 = y0 & 63;
        int exact = exactPaletteFromSums(bx0, by0, w, h);
        int size = exact >>> 16;
        if (size < 2) {
            return 0;
        }
        int k = 0;
        for (int i = 0; i < size; i++) {
            colors[i] = paletteColors[i];
        }
        for (int i = 0; i < sbColorCount && k < size; i++) {
            if (sbColors[i] == paletteColors[k]) {
                remap[i] = k++;
            }
        }
        for (int y = 0; y < h; y++) {
            int src = (by0 + y) * 64 + bx0;
            int dst = y * 64;
            for (int x = 0; x < w; x++) {
                map[dst + x] = remap[sbIndex[src + x]];
            }
        }
        return size;
    }

    /** Fills sbColors / sbIndex for the w x h samples at (x0, y0), or sets sbColorCount = 0 past 8 values. */
    private void indexSuperblock(int x0, int y0, int w, int h) {
        sbColorCount = 0;
        sbWidth = w;
        sbHeight = h;
        if (!indexSmallValues(x0, y0, w, h)) {
            indexAnyValues(x0, y0, w, h);
        }
    }

    /**
     * {@link #indexSuperblock} for a superblock whose samples are all below 64 (narrow planes, small codes): each
     * row's samples are copied as their indices, then the set of values is gathered as bits of a long and the
     * transitions counted (a relabelling of the colours does not change them); only when the values are not 0..n-1
     * (those are their own ranks, as in most narrow planes) a second pass replaces each by its rank. Returns
     * false, leaving sbColorCount 0, when a sample is 64 or more.
     */
    private boolean indexSmallValues(int x0, int y0, int w, int h) {
        long present = 0;
        int any = 0;
        int transitions = 0;
        int[] index = sbIndex;
        // Per row: a copy, an OR and a count of transitions in loops the JIT vectorises (a transition is
        // (d | -d) >>> 31 of the two samples' XOR d, no branch), then the set of values.
        for (int y = 0; y < h; y++) {
            int o = y * 64;
            System.arraycopy(plane, (y0 + y) * stride + x0, index, o, w);
            int bits = 0;
            for (int x = o; x < o + w; x++) {
                bits |= index[x];
            }
            any |= bits;
            if ((any >>> 6) != 0) {
                return false;
            }
            // The first sample of the superblock has no transition; a row's first compares with the one above.
            int first = index[o] ^ (y == 0 ? index[o] : index[o - 64]);
            int rowTransitions = (first | -first) >>> 31;
            for (int x = o + 1; x < o + w; x++) {
                int d = index[x] ^ index[x - 1];
                rowTransitions += (d | -d) >>> 31;
            }
            transitions += rowTransitions;
            for (int x = o; x < o + w; x++) {
                present |= 1L << index[x];
            }
        }
        int n = Long.bitCount(present);
        if (n > 8) {
            return true;
        }
        int[] rank = rankOfSmallValue;
        long rest = present;
        for (int i = 0; i < n; i++) {
            int v = Long.numberOfTrailingZeros(rest);
            rest &= rest - 1;
            sbColors[i] = v;
            rank[v] = i;
        }
        if (present != (1L << n) - 1) {
            relabel(rank, w, h);
        }
        indexed(n, transitions);
        return true;
    }

    /** {@link #indexSuperblock} for samples of any value. */
    private void indexAnyValues(int x0, int y0, int w, int h) {
        int n = 0;
        if (++stamp == STAMP_LIMIT) {
            java.util.Arrays.fill(colorSlot, 0);
            stamp = 1;
        }
        int st = stamp;
        int stamped = st << 3;
        // One pass: each sample's index in first-seen order (colorSlot), and the transitions, which a relabelling
        // of the colours does not change; the indices are renumbered to ascending colours afterwards.
        int transitions = 0;
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            int o = y * 64;
            // The first sample of the superblock gets index 0: no transition.
            int prev = y == 0 ? 0 : sbIndex[o - 64];
            for (int x = 0; x < w; x++) {
                int v = plane[row + x];
                int idx = colorSlot[v] - stamped;
                if (idx >>> 3 != 0) {
                    if (n == 8) {
                        return;
                    }
                    colorSlot[v] = stamped + n;
                    sbColors[n] = v;
                    idx = n++;
                }
                sbIndex[o + x] = idx;
                transitions += idx != prev ? 1 : 0;
                prev = idx;
            }
        }
        boolean ascending = true;
        for (int i = 1; i < n; i++) {
            ascending &= sbColors[i - 1] < sbColors[i];
        }
        if (!ascending) {
            java.util.Arrays.sort(sbColors, 0, n);
            for (int i = 0; i < n; i++) {
                rankOfFirstSeen[colorSlot[sbColors[i]] & 7] = i;
            }
            relabel(rankOfFirstSeen, w, h);
        }
        indexed(n, transitions);
    }

    /** Replaces each of the w x h indices of sbIndex by its entry in {@code label}. */
    private void relabel(int[] label, int w, int h) {
        for (int y = 0; y < h; y++) {
            int o = y * 64;
            for (int x = 0; x < w; x++) {
                sbIndex[o + x] = label[sbIndex[o + x]];
            }
        }
    }

    /** Records a superblock indexed with {@code n} colours and {@code transitions} transitions. */
    private void indexed(int n, int transitions) {
        sbColorCount = n;
        sbTransitions = transitions;
        sumsReady = false;
    }

    /** Fills the prefix sums of the superblock of at most eight values that {@link #indexSuperblock} indexed. */
    private void prefixSums() {
        sumsReady = true;
        int w = sbWidth;
        int h = sbHeight;
        for (int x = 0; x <= w; x++) {
            colorSums[2 * x] = 0;
            colorSums[2 * x + 1] = 0;
        }
        RowTransitions.fill(sbIndex, w, h, rowTransitions);
        for (int y = 0; y < h; y++) {
            int o = y * 64;
            int above = 2 * y * 65;
            int cur = 2 * (y + 1) * 65;
            long run0 = 0;
            long run1 = 0;
            colorSums[cur] = 0;
            colorSums[cur + 1] = 0;
            for (int x = 0; x < w; x++) {
                int c = sbIndex[o + x];
                long one = 1L << (16 * (c & 3));
                if (c < 4) {
                    run0 += one;
                } else {
                    run1 += one;
                }
                colorSums[cur + 2 * (x + 1)] = colorSums[above + 2 * (x + 1)] + run0;
                colorSums[cur + 2 * (x + 1) + 1] = colorSums[above + 2 * (x + 1) + 1] + run1;
            }
        }
    }

    /**
     * The palette trial of a block of a superblock of at most eight values from the prefix sums: fills
     * paletteColors (the block's values, ascending, as {@link PaletteChooser} picks them) and indexCounts,
     * returns size * 65536 + the colour map's transitions as the trial counts them, or 0 for a one-value block.
     */
    private int exactPaletteFromSums(int bx0, int by0, int w, int h) {
        if (!sumsReady) {
            prefixSums();
        }
        int a = 2 * (by0 * 65 + bx0);
        int b = 2 * (by0 * 65 + bx0 + w);
        int c = 2 * ((by0 + h) * 65 + bx0);
        int d = 2 * ((by0 + h) * 65 + bx0 + w);
        long lanes0 = (colorSums[d] + colorSums[a]) - (colorSums[b] + colorSums[c]);
        long lanes1 = (colorSums[d + 1] + colorSums[a + 1]) - (colorSums[b + 1] + colorSums[c + 1]);
        int size = 0;
        for (int i = 0; i < sbColorCount; i++) {
            int count = (int) (((i < 4 ? lanes0 : lanes1) >>> (16 * (i & 3))) & 0xFFFF);
            if (count > 0) {
                paletteColors[size] = sbColors[i];
                indexCounts[size++] = count;
            }
        }
        if (size < 2) {
            indexCounts[0] = 0;
            return 0;
        }
        return (size << 16) | RowTransitions.count(sbIndex, rowTransitions, bx0, by0, w, h);
    }

    static int coefficientCost(int[] coef, int off) {
        int eob = 0;
        for (int c = 15; c >= 0; c--) {
            if (coef[off + CoefficientCoder.SCAN[c]] != 0) {
                eob = c + 1;
                break;
            }
        }
        if (eob == 0) {
            return ZERO_BLOCK_COST;
        }
        int total = 16 + 32;
        for (int c = 0; c < eob; c++) {
            int level = Math.abs(coef[off + CoefficientCoder.SCAN[c]]);
            total += LEVEL_COST[Math.min(level, LEVEL_COST.length - 1)];
        }
        return total;
    }

    /** Best single-mode cost of the block; stores the chosen mode index in {@code bestMode[0]}. */
    private int bestBlock(int r, int c, int wLog2, int hLog2, int[] bestMode) {
        int rEnd = Math.min(r + (1 << hLog2), miRows);
        int cEnd = Math.min(c + (1 << wLog2), miCols);
        for (int m = 0; m < NM; m++) {
            blockCost[m] = 0;
            blockNonZero[m] = 0;
        }
        for (int y = r; y < rEnd; y++) {
            int rowBase = (y & 15) << 4;
            for (int x = c; x < cEnd; x++) {
                int k = rowBase | (x & 15);
                for (int m : active) {
                    blockCost[m] += cost[(m << 8) | k];
                    blockNonZero[m] |= nonZero[(m << 8) | k];
                }
            }
        }
        boolean angle = wLog2 >= 1 && hLog2 >= 1;
        int best = Integer.MAX_VALUE;
        int bestIndex = 0;
        for (int m : active) {
            int total = (blockNonZero[m] == 0 ? 0 : blockCost[m]) + MODE_COST[m] + SKIP_FLAG_COST;
            if (angle && (MODES[m] == IntraPredictor.V_PRED || MODES[m] == IntraPredictor.H_PRED)) {
                total += ANGLE_COST;
            }
            if (total < best) {
                best = total;
                bestIndex = m;
            }
        }
        int samples = 16 * (rEnd - r) * (cEnd - c);
        if (angle && best > PALETTE_TRY_COST_PER_SAMPLE * samples) {
            int palette = paletteCost(r, c, rEnd, cEnd, best);
            if (palette < best) {
                best = palette;
                bestIndex = PALETTE;
            }
        }
        bestMode[0] = bestIndex;
        return best;
    }

    /**
     * Estimated cost of coding the block with a palette ({@link PaletteChooser}), or {@code Integer.MAX_VALUE}.
     * The colour map costs the cheaper of two estimates: runs (a sample whose index repeats its left or, in
     * the first column, upper neighbour costs a fraction of a bit, any other about an index's worth of bits)
     * and the indices' order-0 entropy plus an allowance for CDF adaptation; samples outside the palette add
     * the coefficient cost of their 4x4's residual. Returns {@code Integer.MAX_VALUE} as soon as the cost is
     * known to reach {@code bound} (the caller only takes a palette below it), so a chosen palette whose
     * residuals lose stops costing them early.
     */
    /**
     * The palette trial ({@link #paletteCost}) of the block of mi rows r..rEnd-1 and columns c..cEnd-1 of the
     * superblock last analysed: a test compares trials from counted colours with trials over the samples.
     */
    int paletteTrial(int r, int c, int rEnd, int cEnd, int bound) {
        return paletteCost(r, c, rEnd, cEnd, bound);
    }

    private int paletteCost(int r, int c, int rEnd, int cEnd, int bound) {
        int x0 = c * 4;
        int y0 = r * 4;
        int w = (cEnd - c) * 4;
        int h = (rEnd - r) * 4;
        if (!paletteWorthTrying) {
            return Integer.MAX_VALUE;
        }
        for (int i = 0; i < 8; i++) {
            indexCounts[i] = 0;
        }
        boolean anyResidual = false;
        int residualCost = 0;
        int exact = sbColorCount > 0 ? exactPaletteFromSums(x0 & 63, y0 & 63, w, h) : 0;
        int size = exact >>> 16;
        int transitions = exact & 0xFFFF;
        if (size == 0 && coloursIndexed) {
            return colourPaletteCost(x0 & 63, y0 & 63, w, h, bound);
        }
        if (size == 0) {
            size = chooser.choose(plane, stride, x0, y0, w, h, paletteColors);
            if (size == 0) {
                return Integer.MAX_VALUE;
            }
            // With a residual the map costs the run model, at least 6 per sample (indexBits > 6).
            int lowerBound = fixedPaletteCost(size) + 6 * w * h;
            // Once a residual is met the cost is final: each transition adds indexBits - 6 to the run model, each
            // 4x4 still to come at least ZERO_BLOCK_COST, so the trial stops as soon as those reach the bound.
            int transitionCost = 16 * PaletteCoder.ceilLog2(size) + 24 - 6;
            int blocksLeft = ((w + 3) >> 2) * ((h + 3) >> 2);
            // A sample equal to a colour is its own nearest colour (the colours are distinct): a table lookup.
            if (++paletteStamp == 0) {
                java.util.Arrays.fill(paletteColorStamp, 0);
                paletteStamp = 1;
            }
            int st = paletteStamp;
            for (int i = 0; i < size; i++) {
                paletteColorStamp[paletteColors[i]] = st;
                paletteColorIndex[paletteColors[i]] = i;
            }
            for (int by = 0; by < h; by += 4) {
                for (int bx = 0; bx < w; bx += 4) {
                    boolean nonZero = false;
                    for (int i = 0; i < 4; i++) {
                        int y = by + i;
                        int row = (y0 + y) * stride + x0;
                        for (int j = 0; j < 4; j++) {
                            int x = bx + j;
                            int v = plane[row + x];
                            int idx;
                            if (paletteColorStamp[v] == st) {
                                idx = paletteColorIndex[v];
                            } else {
                                // Remembered for the block's later samples of the same value (the index is all
                                // that is looked up: a colour's own, or the nearest colour's).
                                idx = PaletteChooser.nearest(paletteColors, size, v);
                                paletteColorStamp[v] = st;
                                paletteColorIndex[v] = idx;
                            }
                            paletteMap[y * 64 + x] = idx;
                            indexCounts[idx]++;
                            // The map's neighbour in the run model (left, or above in the first column) is
                            // already mapped: 4x4s go in raster order, and a row's first 4x4 follows the row above.
                            if (x > 0 ? paletteMap[y * 64 + x - 1] != idx : y > 0 && paletteMap[(y - 1) * 64] != idx) {
                                transitions++;
                            }
                            residual[4 * i + j] = v - paletteColors[idx];
                            nonZero |= residual[4 * i + j] != 0;
                        }
                    }
                    blocksLeft--;
                    if (nonZero) {
                        anyResidual = true;
                        Wht4x4.forward(residual, 0, paletteCoefficients, 0);
                        residualCost += coefficientCost(paletteCoefficients, 0);
                    } else {
                        residualCost += ZERO_BLOCK_COST;
                    }
                    if (anyResidual
                            && lowerBound + residualCost + transitions * transitionCost + ZERO_BLOCK_COST * blocksLeft
                                    >= bound) {
                        return Integer.MAX_VALUE;
                    }
                }
            }
        }
        return finalPaletteCost(size, w * h, transitions, anyResidual, residualCost);
    }

    /** The cost of a palette trial from its counts (see {@link #paletteCost}); indexCounts holds each index's count. */
    private int finalPaletteCost(int size, int samples, int transitions, boolean anyResidual, int residualCost) {
        int indexBits = 16 * PaletteCoder.ceilLog2(size) + 24;
        int runModel = transitions * indexBits + (samples - transitions) * 6;
        int mapCost = anyResidual ? runModel : Math.min(runModel, entropyModel(size, samples));
        return fixedPaletteCost(size) + mapCost + (anyResidual ? residualCost : 0);
    }

    /** The colour map's order-0 entropy from indexCounts plus an allowance for CDF adaptation, 1/16 bit. */
    private int entropyModel(int size, int samples) {
        double entropy = 0;
        for (int i = 0; i < size; i++) {
            if (indexCounts[i] > 0) {
                entropy -= indexCounts[i] * Math.log((double) indexCounts[i] / samples);
            }
        }
        return (int) (16 * entropy / Math.log(2)) + 16 * 16 * size;
    }

    /**
     * {@link #paletteCost} of the block of w x h samples at (bx0, by0) of a superblock of 9..32 values ({@link
     * #colours}): the chooser's palette, each index's count and the 4x4s with a residual come from the superblock's
     * counts, and they bound the cost from below (each index beyond the first is entered by a transition, each 4x4
     * with a residual costs at least {@link #MIN_RESIDUAL_BLOCK_COST}), so most losing trials end before a pass over
     * the samples; a block of at most eight values has no residual and its transitions come from prefix sums. Same
     * result as the pass over the samples.
     */
    private int colourPaletteCost(int bx0, int by0, int w, int h, int bound) {
        int size = colours.choose(bx0, by0, w, h, paletteColors);
        if (size == 0) {
            return Integer.MAX_VALUE;
        }
        int inside = 0;
        int n = colours.count();
        for (int c = 0; c < n; c++) {
            int count = colours.blockCount(c);
            if (count > 0) {
                int v = colours.value(c);
                int idx = PaletteChooser.nearest(paletteColors, size, v);
                colourIndex[c] = idx;
                colourResidual[c] = v - paletteColors[idx];
                inside |= colourResidual[c] == 0 ? 1 << c : 0;
                indexCounts[idx] += count;
            }
        }
        int samples = w * h;
        int blocks = (w >> 2) * (h >> 2);
        int indexBits = 16 * PaletteCoder.ceilLog2(size) + 24;
        int minTransitions = Math.min(colours.blockColours(), 8) - 1;
        int fixed = fixedPaletteCost(size);
        if (colours.blockColours() <= 8) {
            // The palette is the block's own values: no residual, and the indices change where the colours do.
            return finalPaletteCost(size, samples, colours.transitions(bx0, by0, w, h), false, 0);
        }
        int outsideCells = colours.cellsOutside(bx0, by0, w, h, inside);
        // The cost's least value: every 4x4 without a residual at ZERO_BLOCK_COST, each with one at least
        // MIN_RESIDUAL_BLOCK_COST, the fewest transitions. The 4x4s with a residual are costed first, so that a
        // losing palette stops before the pass over the samples for the transitions.
        int lowerBound = fixed + 6 * samples + minTransitions * (indexBits - 6);
        int residualCost = ZERO_BLOCK_COST * blocks;
        if (lowerBound + residualCost + (MIN_RESIDUAL_BLOCK_COST - ZERO_BLOCK_COST) * outsideCells >= bound) {
            return Integer.MAX_VALUE;
        }
        int[] col = colours.colours();
        int pending = (MIN_RESIDUAL_BLOCK_COST - ZERO_BLOCK_COST) * outsideCells;
        for (int cy = by0 >> 2; cy < (by0 + h) >> 2; cy++) {
            for (int cx = bx0 >> 2; cx < (bx0 + w) >> 2; cx++) {
                if (!colours.cellOutside(cx, cy, inside)) {
                    continue;
                }
                for (int i = 0; i < 4; i++) {
                    int row = (cy * 4 + i) * 64 + cx * 4;
                    residual[4 * i] = colourResidual[col[row]];
                    residual[4 * i + 1] = colourResidual[col[row + 1]];
                    residual[4 * i + 2] = colourResidual[col[row + 2]];
                    residual[4 * i + 3] = colourResidual[col[row + 3]];
                }
                Wht4x4.forward(residual, 0, paletteCoefficients, 0);
                residualCost += coefficientCost(paletteCoefficients, 0) - ZERO_BLOCK_COST;
                pending -= MIN_RESIDUAL_BLOCK_COST - ZERO_BLOCK_COST;
                if (lowerBound + residualCost + pending >= bound) {
                    return Integer.MAX_VALUE;
                }
            }
        }
        // The transitions of the map (left neighbour, or above in the block's first column), a row at a time.
        int transitions = 0;
        int transitionCost = indexBits - 6;
        int above = colourIndex[col[by0 * 64 + bx0]];
        for (int y = 0; y < h; y++) {
            int row = (by0 + y) * 64 + bx0;
            int prev = colourIndex[col[row]];
            transitions += prev != above ? 1 : 0;
            above = prev;
            for (int x = 1; x < w; x++) {
                int idx = colourIndex[col[row + x]];
                transitions += idx != prev ? 1 : 0;
                prev = idx;
            }
            if (lowerBound + residualCost + (transitions - minTransitions) * transitionCost >= bound) {
                return Integer.MAX_VALUE;
            }
        }
        return finalPaletteCost(size, samples, transitions, true, residualCost);
    }

    /**
     * The palette of the block of {@code w} x {@code h} samples at (x0, y0) of the current superblock when that
     * superblock holds 9..32 values: the chooser's colours ascending in {@code colors} and each sample's index in
     * {@code map} (row stride 64). Returns the size, or 0 when the superblock was not counted (the caller then uses
     * the chooser); {@link #chosenPaletteExact} tells whether every sample equals its colour.
     */
    int countedPalette(int x0, int y0, int w, int h, int[] colors, int[] map) {
        if (!coloursIndexed) {
            return 0;
        }
        int bx0 = x0 & 63;
        int by0 = y0 & 63;
        int size = colours.choose(bx0, by0, w, h, colors);
        if (size == 0) {
            return 0;
        }
        int n = colours.count();
        int inside = 0;
        for (int c = 0; c < n; c++) {
            if (colours.blockCount(c) > 0) {
                int v = colours.value(c);
                int idx = PaletteChooser.nearest(colors, size, v);
                colourIndex[c] = idx;
                inside |= colors[idx] == v ? 1 << c : 0;
            }
        }
        int[] col = colours.colours();
        for (int y = 0; y < h; y++) {
            int src = (by0 + y) * 64 + bx0;
            int dst = y * 64;
            for (int x = 0; x < w; x++) {
                map[dst + x] = colourIndex[col[src + x]];
            }
        }
        countedPaletteExact = colours.cellsOutside(bx0, by0, w, h, inside) == 0;
        return size;
    }

    /** Whether the last {@link #countedPalette} has no residual. */
    boolean countedPaletteExact() {
        return countedPaletteExact;
    }

    /** The part of {@link #paletteCost} that only depends on the palette size. */
    private int fixedPaletteCost(int size) {
        return 16 + 48 + size * bitDepth * 16 + MODE_COST[DC_INDEX] + SKIP_FLAG_COST;
    }

    private int search(int r, int c, int level) {
        if (r >= miRows || c >= miCols) {
            return 0;
        }
        if (level == 4) {
            int cst = bestBlock(r, c, 0, 0, scratchMode);
            mode4x4[((r & 15) << 4) | (c & 15)] = scratchMode[0];
            return cst;
        }
        int n4 = 16 >> level;
        int half = n4 >> 1;
        int bsl = 4 - level;
        boolean hasRows = r + half < miRows;
        boolean hasCols = c + half < miCols;
        int node = nodeIndex(r, c, level);
        int splitCost = search(r, c, level + 1)
                + search(r, c + half, level + 1)
                + search(r + half, c, level + 1)
                + search(r + half, c + half, level + 1);
        int best;
        int bestPartition = PARTITION_SPLIT;
        int a = 0;
        int b = 0;
        if (hasRows && hasCols) {
            best = splitCost + PARTITION_COST[bsl][PARTITION_SPLIT];
            int none = bestBlock(r, c, bsl, bsl, scratchMode) + PARTITION_COST[bsl][PARTITION_NONE];
            if (none <= best) {
                best = none;
                bestPartition = PARTITION_NONE;
                a = scratchMode[0];
            }
            int horz = bestBlock(r, c, bsl, bsl - 1, scratchMode) + PARTITION_COST[bsl][PARTITION_HORZ];
            int horzA = scratchMode[0];
            horz += bestBlock(r + half, c, bsl, bsl - 1, scratchMode);
            if (horz < best) {
                best = horz;
                bestPartition = PARTITION_HORZ;
                a = horzA;
                b = scratchMode[0];
            }
            int vert = bestBlock(r, c, bsl - 1, bsl, scratchMode) + PARTITION_COST[bsl][PARTITION_VERT];
            int vertA = scratchMode[0];
            vert += bestBlock(r, c + half, bsl - 1, bsl, scratchMode);
            if (vert < best) {
                best = vert;
                bestPartition = PARTITION_VERT;
                a = vertA;
                b = scratchMode[0];
            }
        } else if (hasCols) {
            best = splitCost + 8;
            int horz = bestBlock(r, c, bsl, bsl - 1, scratchMode) + 8;
            if (horz < best) {
                best = horz;
                bestPartition = PARTITION_HORZ;
                a = scratchMode[0];
            }
        } else if (hasRows) {
            best = splitCost + 8;
            int vert = bestBlock(r, c, bsl - 1, bsl, scratchMode) + 8;
            if (vert < best) {
                best = vert;
                bestPartition = PARTITION_VERT;
                a = scratchMode[0];
            }
        } else {
            best = splitCost;
        }
        partition[level][node] = bestPartition;
        modeA[level][node] = a;
        modeB[level][node] = b;
        return best;
    }
}
