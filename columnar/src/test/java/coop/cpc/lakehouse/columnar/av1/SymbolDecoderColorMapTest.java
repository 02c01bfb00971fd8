package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolDecoderColorMapTest {
    private static final int STRIDE = 64;

    /** The coded symbol of map entry (r, c): the rank of its index in ColorOrder. */
    private static int symbolOf(int[] map, int r, int c) {
        for (int k = 0; ; k++) {
            if (PaletteCoder.colorOrder(map, STRIDE, r, c, k) == map[r * STRIDE + c]) {
                return k;
            }
        }
    }

    @Test
    void colourMapsDecodeToTheIndicesAndCdfsOfOneSymbolCodedPerIndex() throws Exception {
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + (int) (seed % 7);
            int off = DefaultCdfs.OFF_PALETTE_COLOR[n];
            int maps = 1 + rnd.nextInt(3);
            int[][] written = new int[maps][];
            int[] widths = new int[maps];
            int[] heights = new int[maps];
            int[] encCdf = DefaultCdfs.newTileCdfs();
            SymbolEncoder enc = new SymbolEncoder(true);
            enc.encodeLiteral(5, 3);
            for (int m = 0; m < maps; m++) {
                // On-screen sizes 4..64 (blocks cut by the frame's edge included); noise in some seeds, runs of
                // one index (long stretches in one context) in others. The CDFs carry over from map to map.
                int w = 4 + rnd.nextInt(61);
                int h = 4 + rnd.nextInt(61);
                int[] map = new int[STRIDE * STRIDE];
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        boolean run = seed % 3 == 0 && c > 0 && rnd.nextInt(8) > 0;
                        map[r * STRIDE + c] = run ? map[r * STRIDE + c - 1] : rnd.nextInt(n);
                    }
                }
                for (int i = 1; i < h + w - 1; i++) {
                    for (int j = Math.min(i, w - 1); j >= Math.max(0, i - h + 1); j--) {
                        int r = i - j;
                        int context = PaletteCoder.colorContext(map, STRIDE, r, j);
                        enc.encode(encCdf, off + (n + 1) * context, n, symbolOf(map, r, j));
                    }
                }
                written[m] = map;
                widths[m] = w;
                heights[m] = h;
            }
            enc.encodeLiteral(0x2A5, 10);
            byte[] data = enc.finish();

            int[] decCdf = DefaultCdfs.newTileCdfs();
            SymbolDecoder dec = new SymbolDecoder(true);
            dec.init(data, 0, data.length);
            assertThat(dec.decodeLiteral(3)).isEqualTo(5);
            for (int m = 0; m < maps; m++) {
                int[] map = new int[STRIDE * STRIDE];
                map[0] = written[m][0];
                dec.decodeColorMap(decCdf, off, n, map, STRIDE, widths[m], heights[m]);
                for (int r = 0; r < heights[m]; r++) {
                    for (int c = 0; c < widths[m]; c++) {
                        assertThat(map[r * STRIDE + c])
                                .as("seed %d map %d entry (%d, %d)", seed, m, r, c)
                                .isEqualTo(written[m][r * STRIDE + c]);
                    }
                }
            }
            // The decoder's state and the CDFs are where one symbol per index leaves them.
            assertThat(dec.decodeLiteral(10)).as("seed %d", seed).isEqualTo(0x2A5);
            dec.exit("test tile");
            assertThat(decCdf).as("seed %d", seed).isEqualTo(encCdf);
        }
    }

    /**
     * Eight-colour maps after the first of a tile start with every colour context's counter at 32 (the rate then stays
     * 7 and no counter changes): the same indices, decoder state and CDFs as one symbol coded per index.
     */
    @Test
    void eightColourMapsWithSaturatedCountersDecodeAsOneSymbolPerIndex() throws Exception {
        int n = 8;
        int off = DefaultCdfs.OFF_PALETTE_COLOR[n];
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            int maps = 4;
            int[][] written = new int[maps][];
            int[] widths = new int[maps];
            int[] heights = new int[maps];
            int[] encCdf = DefaultCdfs.newTileCdfs();
            SymbolEncoder enc = new SymbolEncoder(true);
            enc.encodeLiteral(5, 3);
            for (int m = 0; m < maps; m++) {
                if (m > 0) {
                    for (int k = 0; k < SymbolDecoder.PALETTE_CONTEXTS; k++) {
                        assertThat(encCdf[off + (n + 1) * k + n])
                                .as("seed %d: context %d's counter before map %d", seed, k, m)
                                .isEqualTo(32);
                    }
                }
                // The first map full size with runs in two directions (every context well used), then maps of any
                // size: noise, runs along rows, or a few colours only (low symbols).
                int w = m == 0 ? 64 : 4 + rnd.nextInt(61);
                int h = m == 0 ? 64 : 4 + rnd.nextInt(61);
                int style = m == 0 ? 3 : rnd.nextInt(3);
                int[] map = new int[STRIDE * STRIDE];
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        int o = r * STRIDE + c;
                        map[o] = switch (style) {
                            case 0 -> rnd.nextInt(n);
                            case 1 -> c > 0 && rnd.nextInt(4) > 0 ? map[o - 1] : rnd.nextInt(n);
                            case 2 -> rnd.nextInt(8) == 0 ? rnd.nextInt(n) : rnd.nextInt(2);
                            default ->
                                rnd.nextInt(3) == 0
                                        ? rnd.nextInt(n)
                                        : (r > 0 && rnd.nextBoolean() ? map[o - STRIDE] : c > 0 ? map[o - 1] : 0);
                        };
                    }
                }
                for (int i = 1; i < h + w - 1; i++) {
                    for (int j = Math.min(i, w - 1); j >= Math.max(0, i - h + 1); j--) {
                        int r = i - j;
                        int context = PaletteCoder.colorContext(map, STRIDE, r, j);
                        enc.encode(encCdf, off + (n + 1) * context, n, symbolOf(map, r, j));
                    }
                }
                written[m] = map;
                widths[m] = w;
                heights[m] = h;
            }
            enc.encodeLiteral(0x2A5, 10);
            byte[] data = enc.finish();

            int[] decCdf = DefaultCdfs.newTileCdfs();
            SymbolDecoder dec = new SymbolDecoder(true);
            dec.init(data, 0, data.length);
            assertThat(dec.decodeLiteral(3)).isEqualTo(5);
            for (int m = 0; m < maps; m++) {
                int[] map = new int[STRIDE * STRIDE];
                map[0] = written[m][0];
                dec.decodeColorMap(decCdf, off, n, map, STRIDE, widths[m], heights[m]);
                for (int r = 0; r < heights[m]; r++) {
                    for (int c = 0; c < widths[m]; c++) {
                        assertThat(map[r * STRIDE + c])
                                .as("seed %d map %d entry (%d, %d)", seed, m, r, c)
                                .isEqualTo(written[m][r * STRIDE + c]);
                    }
                }
            }
            assertThat(dec.decodeLiteral(10)).as("seed %d", seed).isEqualTo(0x2A5);
            dec.exit("test tile");
            assertThat(decCdf).as("seed %d", seed).isEqualTo(encCdf);
        }
    }
}
