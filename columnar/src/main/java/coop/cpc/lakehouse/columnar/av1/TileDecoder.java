package coop.cpc.lakehouse.columnar.av1;

import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_ANGLE_DELTA;

/**
 * decode_tile( ) of spec 5.11 for the subset: partitions NONE / HORZ / VERT / SPLIT (the extended
 * partitions are refused), intra blocks with the modes of {@link IntraPredictor} and angle delta 0 or a
 * luma palette, TX_4X4 Walsh-Hadamard residuals. Reconstructs into a plane of MiCols*4 x MiRows*4 samples.
 */
final class TileDecoder {
    private static final String[] MODE_NAMES = {
        "DC_PRED",
        "V_PRED",
        "H_PRED",
        "D45_PRED",
        "D135_PRED",
        "D113_PRED",
        "D157_PRED",
        "D203_PRED",
        "D67_PRED",
        "SMOOTH_PRED",
        "SMOOTH_V_PRED",
        "SMOOTH_H_PRED",
        "PAETH_PRED"
    };

    private final int[] plane;
    private final int stride;
    private final int bitDepth;
    private final int maxValue;
    private final int miRows;
    private final int miCols;
    private final int[] cdf = DefaultCdfs.newTileCdfs();
    private final int[] splitCdf = new int[3];
    private final SymbolDecoder dec = new SymbolDecoder(true);
    private final BlockContexts ctx;
    private final CoefficientCoder coder = new CoefficientCoder();
    private final IntraPredictor predictor = new IntraPredictor();
    private final int[] pred = new int[16];
    private final int[] quant = new int[16];
    private final boolean screenContentTools;
    private final PaletteCoder palette = new PaletteCoder();
    private final int[] paletteColors = new int[8];
    /** ColorMapY of the current palette block, row stride 64. */
    private final int[] colorMap = new int[64 * 64];

    private String where = "";

    TileDecoder(int[] plane, int stride, int bitDepth, int miRows, int miCols, boolean screenContentTools) {
        this.screenContentTools = screenContentTools;
        this.plane = plane;
        this.stride = stride;
        this.bitDepth = bitDepth;
        this.maxValue = (1 << bitDepth) - 1;
        this.miRows = miRows;
        this.miCols = miCols;
        this.ctx = new BlockContexts(miCols);
    }

    void decodeTile(
            byte[] data, int offset, int size, int rowStart, int rowEnd, int colStart, int colEnd, String tileName)
            throws Av1FormatException {
        where = tileName + " (tile data at offset " + offset + ")";
        DefaultCdfs.reset(cdf);
        dec.init(data, offset, size);
        ctx.startTile(rowStart, colStart);
        for (int r = rowStart; r < rowEnd; r += 16) {
            ctx.startSuperblockRow();
            for (int c = colStart; c < colEnd; c += 16) {
                readPartition(r, c, 0);
                if (dec.overrun()) {
                    throw new Av1FormatException("tile data of " + where + " (" + size
                            + " bytes) ends before superblock at mi row " + r + " col " + c + ": truncated or corrupt");
                }
            }
        }
        dec.exit(tileName);
    }

    private void readPartition(int r, int c, int level) throws Av1FormatException {
        if (r >= miRows || c >= miCols) {
            return;
        }
        if (level == 4) {
            readBlock(r, c, 0, 0);
            return;
        }
        int half = 8 >> level;
        int bsl = 4 - level;
        boolean hasRows = r + half < miRows;
        boolean hasCols = c + half < miCols;
        int cdfOff = ctx.partitionCdf(r, c, bsl);
        int partition;
        if (hasRows && hasCols) {
            partition = dec.decode(cdf, cdfOff, BlockContexts.partitionSymbols(bsl));
            if (partition > PartitionSearch.PARTITION_SPLIT) {
                throw new Av1FormatException("unsupported partition " + partition
                        + " (only NONE, HORZ, VERT, SPLIT) at " + "mi row " + r + " col " + c + " in " + where);
            }
        } else if (hasCols) {
            BlockContexts.splitCdf(cdf, cdfOff, true, splitCdf);
            partition = dec.decodeFixed(splitCdf, 0, 2) == 1
                    ? PartitionSearch.PARTITION_SPLIT
                    : PartitionSearch.PARTITION_HORZ;
        } else if (hasRows) {
            BlockContexts.splitCdf(cdf, cdfOff, false, splitCdf);
            partition = dec.decodeFixed(splitCdf, 0, 2) == 1
                    ? PartitionSearch.PARTITION_SPLIT
                    : PartitionSearch.PARTITION_VERT;
        } else {
            partition = PartitionSearch.PARTITION_SPLIT;
        }
        switch (partition) {
            case PartitionSearch.PARTITION_NONE -> readBlock(r, c, bsl, bsl);
            case PartitionSearch.PARTITION_HORZ -> {
                readBlock(r, c, bsl, bsl - 1);
                if (hasRows) {
                    readBlock(r + half, c, bsl, bsl - 1);
                }
            }
            case PartitionSearch.PARTITION_VERT -> {
                readBlock(r, c, bsl - 1, bsl);
                if (hasCols) {
                    readBlock(r, c + half, bsl - 1, bsl);
                }
            }
            default -> {
                readPartition(r, c, level + 1);
                readPartition(r, c + half, level + 1);
                readPartition(r + half, c, level + 1);
                readPartition(r + half, c + half, level + 1);
            }
        }
    }

    /** Palette prediction process (spec 7.11.4) for the 4x4 at offset (bx, by), in 4x4 units, of the block. */
    private void predictPalette(int bx, int by) {
        int base = (by * 4) * 64 + bx * 4;
        for (int i = 0; i < 4; i++) {
            int o = base + i * 64;
            pred[4 * i] = paletteColors[colorMap[o]];
            pred[4 * i + 1] = paletteColors[colorMap[o + 1]];
            pred[4 * i + 2] = paletteColors[colorMap[o + 2]];
            pred[4 * i + 3] = paletteColors[colorMap[o + 3]];
        }
    }

    /** The palette colours of {@link #colorMap}'s top-left {@code w x h} into the plane at sample (y, x). */
    private void writePalette(int y, int x, int h, int w) {
        int[] colors = paletteColors;
        int[] map = colorMap;
        for (int i = 0; i < h; i++) {
            int o = (y + i) * stride + x;
            int m = i * 64;
            for (int j = 0; j < w; j++) {
                plane[o + j] = colors[map[m + j]];
            }
        }
    }

    private void readBlock(int r, int c, int wLog2, int hLog2) throws Av1FormatException {
        boolean skip = dec.decode(cdf, ctx.skipCdf(r, c), 2) == 1;
        int mode = dec.decode(cdf, ctx.yModeCdf(r, c), 13);
        if (!IntraPredictor.isSupported(mode)) {
            throw new Av1FormatException("unsupported intra_frame_y_mode " + MODE_NAMES[mode] + " at mi row " + r
                    + " col " + c + " in " + where);
        }
        if (wLog2 >= 1 && hLog2 >= 1 && (mode == IntraPredictor.V_PRED || mode == IntraPredictor.H_PRED)) {
            int angle = dec.decode(cdf, OFF_ANGLE_DELTA + 8 * (mode - IntraPredictor.V_PRED), 7);
            if (angle != 3) {
                throw new Av1FormatException(
                        "unsupported angle_delta_y " + (angle - 3) + " at mi row " + r + " col " + c + " in " + where);
            }
        }
        int paletteSize = 0;
        if (screenContentTools && wLog2 >= 1 && hLog2 >= 1 && mode == IntraPredictor.DC_PRED) {
            int sizeCtx = PaletteCoder.sizeCtx(wLog2, hLog2);
            if (dec.decode(cdf, ctx.paletteModeCdf(r, c, sizeCtx), 2) == 1) {
                int cacheN = ctx.paletteCache(palette, r, c);
                paletteSize = palette.readColors(dec, cdf, sizeCtx, paletteColors, cacheN, bitDepth);
            }
        }
        ctx.recordBlock(r, c, wLog2, hLog2, mode, skip, paletteSize, paletteColors);
        if (paletteSize > 0) {
            int blockW = 4 << wLog2;
            int blockH = 4 << hLog2;
            palette.readMap(
                    dec,
                    cdf,
                    colorMap,
                    64,
                    Math.min(blockW, (miCols - c) * 4),
                    Math.min(blockH, (miRows - r) * 4),
                    blockW,
                    blockH,
                    paletteSize);
        }
        boolean wholeBlock = wLog2 == 0 && hLog2 == 0;
        int rEnd = Math.min(r + (1 << hLog2), miRows);
        int cEnd = Math.min(c + (1 << wLog2), miCols);
        if (paletteSize > 0 && skip) {
            // No residual: every 4x4 of the block is its palette prediction, so the colours go to the plane row by
            // row (what predictPalette and a copy per 4x4 row would write, without the 16-sample detour).
            writePalette(r * 4, c * 4, (rEnd - r) * 4, (cEnd - c) * 4);
            return;
        }
        for (int y4 = r; y4 < rEnd; y4++) {
            boolean haveAbove = ctx.haveAbove(y4);
            for (int x4 = c; x4 < cEnd; x4++) {
                int x = x4 * 4;
                int y = y4 * 4;
                if (paletteSize > 0) {
                    predictPalette(x4 - c, y4 - r);
                } else {
                    predictor.predict(plane, stride, x, y, ctx.haveLeft(x4), haveAbove, mode, bitDepth, pred);
                }
                int base = y * stride + x;
                if (!skip) {
                    int packed =
                            coder.decode(dec, cdf, quant, ctx.allZeroCtx(x4, y4, wholeBlock), ctx.dcSignCtx(x4, y4));
                    ctx.recordCoefficients(x4, y4, packed);
                    if (packed >= 256) {
                        Wht4x4.inverse(quant, bitDepth);
                        for (int i = 0; i < 4; i++) {
                            int o = base + i * stride;
                            for (int j = 0; j < 4; j++) {
                                int v = pred[4 * i + j] + quant[4 * i + j];
                                plane[o + j] = v < 0 ? 0 : (v > maxValue ? maxValue : v);
                            }
                        }
                        continue;
                    }
                }
                for (int i = 0; i < 4; i++) {
                    System.arraycopy(pred, 4 * i, plane, base + i * stride, 4);
                }
            }
        }
    }
}
