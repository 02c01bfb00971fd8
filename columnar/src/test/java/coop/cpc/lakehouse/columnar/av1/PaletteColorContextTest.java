package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tabulated colour context and order equal get_palette_color_context( ) of the spec on every neighbourhood. */
class PaletteColorContextTest {
    private static final int[] COLOR_CONTEXT = {-1, -1, 0, -1, -1, 4, 3, 2, 1};

    @Test
    void tablesEqualTheSpecProcedureForEveryPaletteSizeAndNeighbourhood() {
        Random random = new Random(16);
        int stride = 8;
        int checked = 0;
        for (int n = 2; n <= 8; n++) {
            for (int trial = 0; trial < 2000; trial++) {
                int[] map = new int[stride * 8];
                for (int i = 0; i < map.length; i++) {
                    map[i] = random.nextInt(n);
                }
                for (int r = 0; r < 8; r++) {
                    for (int c = 0; c < 8; c++) {
                        if (r == 0 && c == 0) {
                            continue;
                        }
                        int[] order = new int[8];
                        int expected = specContext(map, stride, r, c, n, order);
                        assertThat(PaletteCoder.colorContext(map, stride, r, c)).isEqualTo(expected);
                        for (int k = 0; k < n; k++) {
                            assertThat(PaletteCoder.colorOrder(map, stride, r, c, k))
                                    .as("order %d of n=%d", k, n)
                                    .isEqualTo(order[k]);
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(7 * 2000 * 63);
    }

    @Test
    void diagonalKeysGiveEveryEntryOfEachAntiDiagonalItsSpecContextAndOrder() {
        Random random = new Random(24);
        int[] out = new int[64];
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + random.nextInt(7);
            // On-screen sizes 1..64 (a single row or column included), in a map of row stride 64 or wider; runs of
            // one index in some maps, so that every context is reached.
            int w = 1 + random.nextInt(64);
            int h = (w == 1 ? 2 : 1) + random.nextInt(w == 1 ? 63 : 64);
            int stride = 64 + random.nextInt(3);
            boolean runs = trial % 2 == 0;
            int[] map = new int[stride * h];
            for (int i = 0; i < map.length; i++) {
                map[i] = runs && i > 0 && random.nextInt(4) > 0 ? map[i - 1] : random.nextInt(n);
            }
            for (int i = 1; i < h + w - 1; i++) {
                int jHi = Math.min(i, w - 1);
                int jLo = Math.max(0, i - h + 1);
                int len = jHi - jLo + 1;
                PaletteCoder.diagonalKeys(map, stride, (i - jHi) * stride + jHi, i - jHi, jLo == 0, len, out);
                for (int m = 0; m < len; m++) {
                    int r = i - jHi + m;
                    int c = jHi - m;
                    int[] order = new int[8];
                    int context = specContext(map, stride, r, c, n, order);
                    assertThat(out[m] & 7)
                            .as("context of (%d, %d), %dx%d", r, c, w, h)
                            .isEqualTo(context);
                    for (int k = 0; k < n; k++) {
                        assertThat(PaletteCoder.orderAt(out[m] - context + k))
                                .as("order %d of (%d, %d), %dx%d", k, r, c, w, h)
                                .isEqualTo(order[k]);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(300 * 100);
    }

    /**
     * Spec 7.11.4 get_palette_color_context( ), stated as a sort rather than the spec's steps (those are
     * PaletteCoder's): for positions 0..2 the spec moves the highest-scoring colour not yet placed (the first of
     * equals) to that position, keeping the others in order. Only the left, above-left and above colours score
     * above 0, so every colour left unplaced scores 0: the result is the colours stably sorted by descending
     * score, and ColorContextHash weighs the first three scores 1, 2, 2.
     */
    private static int specContext(int[] map, int stride, int r, int c, int n, int[] order) {
        int[] scores = new int[8];
        if (c > 0) {
            scores[map[r * stride + c - 1]] += 2;
        }
        if (r > 0 && c > 0) {
            scores[map[(r - 1) * stride + c - 1]] += 1;
        }
        if (r > 0) {
            scores[map[(r - 1) * stride + c]] += 2;
        }
        List<Integer> byScore = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingInt(colour -> -scores[colour]))
                .toList();
        for (int k = 0; k < 8; k++) {
            order[k] = k < n ? byScore.get(k) : k;
        }
        int[] weights = {1, 2, 2};
        int hash = 0;
        for (int k = 0; k < Math.min(3, n); k++) {
            hash += weights[k] * scores[byScore.get(k)];
        }
        return COLOR_CONTEXT[hash];
    }

    @Test
    void twoColourMapsHaveEveryContextButContextOneAndLargerPalettesAllFive() {
        // Every neighbourhood of the entry (1, 1) of a 2 x 2 map, and the first row's and column's single neighbour.
        for (int n = 2; n <= 8; n++) {
            boolean[] seen = new boolean[SymbolEncoder.PALETTE_CONTEXTS];
            for (int v = 0; v < n * n * n * n; v++) {
                int[] map = {v % n, v / n % n, v / (n * n) % n, v / (n * n * n)};
                seen[PaletteCoder.colorContext(map, 2, 1, 1)] = true;
                seen[PaletteCoder.colorContext(map, 2, 0, 1)] = true;
                seen[PaletteCoder.colorContext(map, 2, 1, 0)] = true;
            }
            for (int k = 0; k < seen.length; k++) {
                assertThat(seen[k]).as("n %d context %d", n, k).isEqualTo(n > 2 || k != 1);
            }
        }
    }
}
