package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PaletteMapWriteTest {

    /** The coded symbol of map entry (r, c): the rank of its index in ColorOrder. */
    private static int symbolOf(int[] map, int stride, int r, int c) {
        for (int k = 0; ; k++) {
            if (PaletteCoder.colorOrder(map, stride, r, c, k) == map[r * stride + c]) {
                return k;
            }
        }
    }

    @Test
    void writeMapCodesTheBytesAndCdfsOfOneSymbolPerIndexInWavefrontOrder() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + (int) (seed % 7);
            int off = DefaultCdfs.OFF_PALETTE_COLOR[n];
            int[] cdfMap = DefaultCdfs.newTileCdfs();
            int[] cdfOne = DefaultCdfs.newTileCdfs();
            SymbolEncoder byMap = new SymbolEncoder(true);
            SymbolEncoder byOne = new SymbolEncoder(true);
            PaletteCoder coder = new PaletteCoder();
            // Several maps in a tile (the counters reach their limit in the first), full 64x64 ones and ones cut
            // by the frame's edge (single rows and columns included), row strides 64..66, noise and runs.
            for (int m = 0; m < 6; m++) {
                int w = m % 3 == 0 ? 64 : 1 + rnd.nextInt(64);
                int h = m % 3 == 0 ? 64 : (w == 1 ? 2 : 1) + rnd.nextInt(w == 1 ? 63 : 64);
                int stride = 64 + rnd.nextInt(3);
                int[] map = new int[stride * 64];
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        boolean run = seed % 2 == 0 && c > 0 && rnd.nextInt(6) > 0;
                        map[r * stride + c] = run ? map[r * stride + c - 1] : rnd.nextInt(n);
                    }
                }
                coder.writeMap(byMap, cdfMap, map, stride, w, h, n);
                PaletteCoder.writeNs(byOne, map[0], n);
                for (int i = 1; i < h + w - 1; i++) {
                    for (int j = Math.min(i, w - 1); j >= Math.max(0, i - h + 1); j--) {
                        int r = i - j;
                        int context = PaletteCoder.colorContext(map, stride, r, j);
                        byOne.encode(cdfOne, off + (n + 1) * context, n, symbolOf(map, stride, r, j));
                    }
                }
            }
            assertThat(byMap.finish()).as("seed %d", seed).isEqualTo(byOne.finish());
            assertThat(cdfMap).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }

    @Test
    void wavefrontEndsPlaceEveryEntryOnceInTheSpecsOrder() {
        int[] ends = new int[128];
        for (int w = 1; w <= 64; w++) {
            for (int h = 1; h <= 64; h++) {
                assertThat(PaletteCoder.wavefrontEnds(w, h, ends)).isEqualTo(w * h);
                int at = 0;
                for (int i = 0; i < h + w - 1; i++) {
                    for (int j = Math.min(i, w - 1); j >= Math.max(0, i - h + 1); j--) {
                        assertThat(ends[i] - j)
                                .as("%dx%d entry (%d, %d)", w, h, i - j, j)
                                .isEqualTo(at++);
                    }
                }
            }
        }
    }
}
