package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowTransitionsTest {

    @Test
    void aBlocksTransitionsFromTheSumsAreTheChangesFromTheLeftOrInTheFirstColumnFromAbove() {
        int[] map = new int[64 * 64];
        int[] sums = new int[64 * 65];
        for (long seed = 1; seed <= 50; seed++) {
            Random rnd = new Random(seed);
            int w = 1 + rnd.nextInt(64);
            int h = 1 + rnd.nextInt(64);
            int colours = 1 + rnd.nextInt(8);
            int stay = rnd.nextInt(10);
            for (int i = 0; i < map.length; i++) {
                map[i] = i > 0 && rnd.nextInt(10) < stay ? map[i - 1] : rnd.nextInt(colours);
            }
            RowTransitions.fill(map, w, h, sums);
            for (int k = 0; k < 100; k++) {
                int bw = 1 + rnd.nextInt(w);
                int bh = 1 + rnd.nextInt(h);
                int x0 = rnd.nextInt(w - bw + 1);
                int y0 = rnd.nextInt(h - bh + 1);
                int expected = 0;
                for (int y = y0; y < y0 + bh; y++) {
                    for (int x = x0; x < x0 + bw; x++) {
                        int v = map[y * 64 + x];
                        if (x > x0 ? map[y * 64 + x - 1] != v : y > y0 && map[(y - 1) * 64 + x0] != v) {
                            expected++;
                        }
                    }
                }
                assertThat(RowTransitions.count(map, sums, x0, y0, bw, bh))
                        .as("seed %d, %dx%d at (%d, %d)", seed, bw, bh, x0, y0)
                        .isEqualTo(expected);
            }
        }
    }
}
