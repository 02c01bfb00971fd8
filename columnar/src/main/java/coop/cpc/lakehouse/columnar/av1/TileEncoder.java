package coop.cpc.lakehouse.columnar.av1;

import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_ANGLE_DELTA;

/**
 * Writes decode_tile( ) (spec 5.11) for one tile: superblocks in raster order, the partition tree chosen by
 * {@link PartitionSearch}, and per block skip, intra_frame_y_mode, angle_delta_y, has_palette_y with the
 * palette and its colour map, and the coefficients of each 4x4 transform block. Reused for every tile of a frame.
 */
final class TileEncoder {
    private final int[] plane;
    private final int stride;
    private final int bitDepth;
    private final int miRows;
    private final int miCols;
    private final int[] cdf = DefaultCdfs.newTileCdfs();
    private final int[] splitCdf = new int[3];
    private final SymbolEncoder enc = new SymbolEncoder(true);
    private final BlockContexts ctx;
    private final CoefficientCoder coder = new CoefficientCoder();
    private final PartitionSearch search;
    private final PaletteCoder palette = new PaletteCoder();
    private final int[] paletteColors = new int[8];
    /** ColorMapY of the current palette block, row stride 64. */
    private final int[] colorMap = new int[64 * 64];

    private final PaletteChooser chooser = new PaletteChooser();
    private final int[] residual = new int[16];
    private final int[] coefficients = new int[16];
    private int paletteSize;
    /** The current palette block is a whole superblock of at most eight values: its map is the search's. */
    private boolean wholeSuperblockMap;

    TileEncoder(int[] paddedPlane, int stride, int bitDepth, int miRows, int miCols, SearchPreset preset) {
        this(paddedPlane, stride, bitDepth, miRows, miCols, new PartitionSearch(preset));
    }

    /** With the given search (a test compares searches that must decide alike). */
    TileEncoder(int[] paddedPlane, int stride, int bitDepth, int miRows, int miCols, PartitionSearch search) {
        this.search = search;
        this.plane = paddedPlane;
        this.stride = stride;
        this.bitDepth = bitDepth;
        this.miRows = miRows;
        this.miCols = miCols;
        this.ctx = new BlockContexts(miCols);
    }

    byte[] encodeTile(int rowStart, int rowEnd, int colStart, int colEnd) {
        DefaultCdfs.reset(cdf);
        enc.reset();
        ctx.startTile(rowStart, colStart);
        for (int r = rowStart; r < rowEnd; r += 16) {
            ctx.startSuperblockRow();
            for (int c = colStart; c < colEnd; c += 16) {
                search.analyse(plane, stride, bitDepth, ctx, r, c, miRows, miCols);
                writePartition(r, c, 0);
            }
        }
        return enc.finish();
    }

    /** decode_partition( ) mirrored; {@code level} 0..4 is a square of 16 >> level mi units. */
    private void writePartition(int r, int c, int level) {
        if (r >= miRows || c >= miCols) {
            return;
        }
        if (level == 4) {
            writeBlock(r, c, 0, 0, search.modeIndexA(r, c, 4));
            return;
        }
        int half = 8 >> level;
        int bsl = 4 - level;
        boolean hasRows = r + half < miRows;
        boolean hasCols = c + half < miCols;
        int partition = search.partition(r, c, level);
        int cdfOff = ctx.partitionCdf(r, c, bsl);
        if (hasRows && hasCols) {
            enc.encode(cdf, cdfOff, BlockContexts.partitionSymbols(bsl), partition);
        } else if (hasCols) {
            BlockContexts.splitCdf(cdf, cdfOff, true, splitCdf);
            enc.encodeFixed(splitCdf, 0, 2, partition == PartitionSearch.PARTITION_SPLIT ? 1 : 0);
        } else if (hasRows) {
            BlockContexts.splitCdf(cdf, cdfOff, false, splitCdf);
            enc.encodeFixed(splitCdf, 0, 2, partition == PartitionSearch.PARTITION_SPLIT ? 1 : 0);
        }
        switch (partition) {
            case PartitionSearch.PARTITION_NONE -> writeBlock(r, c, bsl, bsl, search.modeIndexA(r, c, level));
            case PartitionSearch.PARTITION_HORZ -> {
                writeBlock(r, c, bsl, bsl - 1, search.modeIndexA(r, c, level));
                if (hasRows) {
                    writeBlock(r + half, c, bsl, bsl - 1, search.modeIndexB(r, c, level));
                }
            }
            case PartitionSearch.PARTITION_VERT -> {
                writeBlock(r, c, bsl - 1, bsl, search.modeIndexA(r, c, level));
                if (hasCols) {
                    writeBlock(r, c + half, bsl - 1, bsl, search.modeIndexB(r, c, level));
                }
            }
            default -> {
                writePartition(r, c, level + 1);
                writePartition(r, c + half, level + 1);
                writePartition(r + half, c, level + 1);
                writePartition(r + half, c + half, level + 1);
            }
        }
    }

    /**
     * Chooses the block's palette (as the search did) and fills the colour map with the nearest colour of
     * each on-screen sample; returns whether every sample equals its colour (no residual).
     */
    private boolean buildPalette(int y0, int x0, int w, int h) {
        wholeSuperblockMap = false;
        if (w == 64 && h == 64) {
            paletteSize = search.superblockPalette(paletteColors);
            if (paletteSize > 0) {
                wholeSuperblockMap = true;
                return true;
            }
        }
        paletteSize = search.exactPalette(x0, y0, w, h, paletteColors, colorMap);
        if (paletteSize > 0) {
            return true;
        }
        paletteSize = search.countedPalette(x0, y0, w, h, paletteColors, colorMap);
        if (paletteSize > 0) {
            return search.countedPaletteExact();
        }
        paletteSize = chooser.choose(plane, stride, x0, y0, w, h, paletteColors);
        boolean exact = true;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = plane[(y0 + y) * stride + x0 + x];
                int idx = PaletteChooser.nearest(paletteColors, paletteSize, v);
                colorMap[y * 64 + x] = idx;
                exact &= paletteColors[idx] == v;
            }
        }
        return exact;
    }

    /** Coefficients of the 4x4 at offset (bx, by), in 4x4 units, of a palette block whose top-left sample is (x, y). */
    private void paletteResidual(int bx, int by, int x, int y) {
        for (int i = 0; i < 4; i++) {
            int row = (y + i) * stride + x;
            int m = (by * 4 + i) * 64 + bx * 4;
            for (int j = 0; j < 4; j++) {
                residual[4 * i + j] = plane[row + j] - paletteColors[colorMap[m + j]];
            }
        }
        Wht4x4.forward(residual, 0, coefficients, 0);
    }

    /** decode_block( ) mirrored for an intra block of (1 << wLog2) x (1 << hLog2) mi units. */
    private void writeBlock(int r, int c, int wLog2, int hLog2, int modeIndex) {
        int mode = PartitionSearch.mode(modeIndex);
        boolean usePalette = modeIndex == PartitionSearch.PALETTE;
        int onscreenW = Math.min(4 << wLog2, (miCols - c) * 4);
        int onscreenH = Math.min(4 << hLog2, (miRows - r) * 4);
        paletteSize = 0;
        boolean skip = usePalette
                ? buildPalette(r * 4, c * 4, onscreenW, onscreenH)
                : search.allZero(modeIndex, r, c, wLog2, hLog2);
        enc.encode(cdf, ctx.skipCdf(r, c), 2, skip ? 1 : 0);
        enc.encode(cdf, ctx.yModeCdf(r, c), 13, mode);
        if (wLog2 >= 1 && hLog2 >= 1 && (mode == IntraPredictor.V_PRED || mode == IntraPredictor.H_PRED)) {
            enc.encode(cdf, OFF_ANGLE_DELTA + 8 * (mode - IntraPredictor.V_PRED), 7, 3);
        }
        if (wLog2 >= 1 && hLog2 >= 1 && mode == IntraPredictor.DC_PRED) {
            int sizeCtx = PaletteCoder.sizeCtx(wLog2, hLog2);
            enc.encode(cdf, ctx.paletteModeCdf(r, c, sizeCtx), 2, usePalette ? 1 : 0);
            if (usePalette) {
                int cacheN = ctx.paletteCache(palette, r, c);
                palette.writeColors(enc, cdf, sizeCtx, paletteColors, paletteSize, cacheN, bitDepth);
            }
        }
        ctx.recordBlock(r, c, wLog2, hLog2, mode, skip, paletteSize, paletteColors);
        if (paletteSize > 0) {
            palette.writeMap(
                    enc,
                    cdf,
                    wholeSuperblockMap ? search.superblockMap() : colorMap,
                    64,
                    onscreenW,
                    onscreenH,
                    paletteSize);
        }
        if (skip) {
            return;
        }
        boolean wholeBlock = wLog2 == 0 && hLog2 == 0;
        int rEnd = Math.min(r + (1 << hLog2), miRows);
        int cEnd = Math.min(c + (1 << wLog2), miCols);
        for (int y4 = r; y4 < rEnd; y4++) {
            for (int x4 = c; x4 < cEnd; x4++) {
                int packed;
                if (usePalette) {
                    paletteResidual(x4 - c, y4 - r, x4 * 4, y4 * 4);
                    packed = coder.encode(
                            enc, cdf, coefficients, 0, ctx.allZeroCtx(x4, y4, wholeBlock), ctx.dcSignCtx(x4, y4));
                } else {
                    packed = coder.encode(
                            enc,
                            cdf,
                            search.coefficients,
                            PartitionSearch.coefficientOffset(modeIndex, y4, x4),
                            ctx.allZeroCtx(x4, y4, wholeBlock),
                            ctx.dcSignCtx(x4, y4));
                }
                ctx.recordCoefficients(x4, y4, packed);
            }
        }
    }
}
