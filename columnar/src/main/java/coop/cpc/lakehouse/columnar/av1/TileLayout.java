package coop.cpc.lakehouse.columnar.av1;

/**
 * tile_info( ) of spec 5.9.15 with uniform_tile_spacing_flag = 1. The encoder always uses the smallest
 * legal tile counts (one tile unless the frame is wider than 4096 samples or larger than 4096 x 2304
 * samples, where the specification requires more), i.e. a zero increment_tile_cols_log2 /
 * increment_tile_rows_log2 wherever one may be coded; the decoder accepts any uniform layout.
 */
final class TileLayout {
    static final int MAX_TILE_WIDTH = 4096;
    static final int MAX_TILE_AREA = 4096 * 2304;
    static final int MAX_TILE_COLS = 64;
    static final int MAX_TILE_ROWS = 64;

    final int miCols;
    final int miRows;
    final int colsLog2;
    final int rowsLog2;
    final int[] miColStarts;
    final int[] miRowStarts;
    /** TileSizeBytes: 4 as written here, or whatever tile_size_bytes_minus_1 says. */
    int tileSizeBytes = 4;

    private TileLayout(int miCols, int miRows, int colsLog2, int rowsLog2) {
        this.miCols = miCols;
        this.miRows = miRows;
        this.colsLog2 = colsLog2;
        this.rowsLog2 = rowsLog2;
        int sbCols = (miCols + 15) >> 4;
        int sbRows = (miRows + 15) >> 4;
        this.miColStarts = starts(sbCols, colsLog2, miCols);
        this.miRowStarts = starts(sbRows, rowsLog2, miRows);
    }

    private static int[] starts(int sbCount, int log2, int miCount) {
        int sizeSb = (sbCount + (1 << log2) - 1) >> log2;
        int n = (sbCount + sizeSb - 1) / sizeSb;
        int[] s = new int[n + 1];
        for (int i = 0; i < n; i++) {
            s[i] = (i * sizeSb) << 4;
        }
        s[n] = miCount;
        return s;
    }

    int tileCols() {
        return miColStarts.length - 1;
    }

    int tileCount() {
        return tileCols() * (miRowStarts.length - 1);
    }

    static int tileLog2(int blkSize, int target) {
        int k = 0;
        while ((blkSize << k) < target) {
            k++;
        }
        return k;
    }

    private static int sbCols(int miCols) {
        return (miCols + 15) >> 4;
    }

    private static int sbRows(int miRows) {
        return (miRows + 15) >> 4;
    }

    private static int minLog2TileCols(int miCols) {
        return tileLog2(MAX_TILE_WIDTH >> 6, sbCols(miCols));
    }

    private static int minLog2Tiles(int miCols, int miRows) {
        return Math.max(minLog2TileCols(miCols), tileLog2(MAX_TILE_AREA >> 12, sbRows(miRows) * sbCols(miCols)));
    }

    private static int maxLog2TileCols(int miCols) {
        return tileLog2(1, Math.min(sbCols(miCols), MAX_TILE_COLS));
    }

    private static int maxLog2TileRows(int miRows) {
        return tileLog2(1, Math.min(sbRows(miRows), MAX_TILE_ROWS));
    }

    /** The layout the encoder writes: the minimum tile counts. */
    static TileLayout minimal(int miCols, int miRows) {
        int colsLog2 = minLog2TileCols(miCols);
        int rowsLog2 = Math.max(minLog2Tiles(miCols, miRows) - colsLog2, 0);
        return new TileLayout(miCols, miRows, colsLog2, rowsLog2);
    }

    void write(BitWriter w) {
        w.writeBit(1); // uniform_tile_spacing_flag
        if (colsLog2 < maxLog2TileCols(miCols)) {
            w.writeBit(0); // increment_tile_cols_log2
        }
        if (rowsLog2 < maxLog2TileRows(miRows)) {
            w.writeBit(0); // increment_tile_rows_log2
        }
        if (colsLog2 > 0 || rowsLog2 > 0) {
            w.writeBits(0, colsLog2 + rowsLog2); // context_update_tile_id
            w.writeBits(tileSizeBytes - 1, 2); // tile_size_bytes_minus_1
        }
    }

    static TileLayout read(BitReader r, int miCols, int miRows) throws Av1FormatException {
        r.expect(1, 1, "uniform_tile_spacing_flag");
        int colsLog2 = minLog2TileCols(miCols);
        int maxCols = maxLog2TileCols(miCols);
        while (colsLog2 < maxCols && r.readFlag("increment_tile_cols_log2")) {
            colsLog2++;
        }
        int rowsLog2 = Math.max(minLog2Tiles(miCols, miRows) - colsLog2, 0);
        int maxRows = maxLog2TileRows(miRows);
        while (rowsLog2 < maxRows && r.readFlag("increment_tile_rows_log2")) {
            rowsLog2++;
        }
        TileLayout layout = new TileLayout(miCols, miRows, colsLog2, rowsLog2);
        if (colsLog2 > 0 || rowsLog2 > 0) {
            int offset = r.byteOffset();
            long updateId = r.readBits(colsLog2 + rowsLog2, "context_update_tile_id");
            if (updateId >= layout.tileCount()) {
                throw new Av1FormatException("context_update_tile_id " + updateId + " at offset " + offset
                        + " is not below the tile count " + layout.tileCount());
            }
            layout.tileSizeBytes = (int) r.readBits(2, "tile_size_bytes_minus_1") + 1;
        }
        return layout;
    }
}
