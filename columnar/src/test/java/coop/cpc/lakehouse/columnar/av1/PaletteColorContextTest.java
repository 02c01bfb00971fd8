package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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

    /** Spec 7.11.4 get_palette_color_context( ), written as the spec states it. */
    private static int specContext(int[] map, int stride, int r, int c, int n, int[] order) {
        int[] scores = new int[8];
        for (int i = 0; i < 8; i++) {
            order[i] = i;
        }
        if (c > 0) {
            scores[map[r * stride + c - 1]] += 2;
        }
        if (r > 0 && c > 0) {
            scores[map[(r - 1) * stride + c - 1]] += 1;
        }
        if (r > 0) {
            scores[map[(r - 1) * stride + c]] += 2;
        }
        for (int i = 0; i < 3; i++) {
            int maxScore = scores[i];
            int maxIdx = i;
            for (int j = i + 1; j < n; j++) {
                if (scores[j] > maxScore) {
                    maxScore = scores[j];
                    maxIdx = j;
                }
            }
            if (maxIdx != i) {
                maxScore = scores[maxIdx];
                int maxColorOrder = order[maxIdx];
                for (int k = maxIdx; k > i; k--) {
                    scores[k] = scores[k - 1];
                    order[k] = order[k - 1];
                }
                scores[i] = maxScore;
                order[i] = maxColorOrder;
            }
        }
        return COLOR_CONTEXT[scores[0] + 2 * scores[1] + 2 * scores[2]];
    }
}
