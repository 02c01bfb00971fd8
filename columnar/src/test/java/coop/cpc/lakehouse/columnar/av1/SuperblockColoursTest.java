package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SuperblockColoursTest {

    /** A superblock of w x h samples at (x0, y0) of a larger plane with about {@code values} distinct values. */
    private static int[] plane(Random rnd, int stride, int rows, int values, int bitDepth) {
        int[] alphabet = rnd.ints(values, 0, 1 << bitDepth).toArray();
        int[] plane = new int[stride * rows];
        int kind = rnd.nextInt(4);
        for (int i = 0; i < plane.length; i++) {
            int pick = switch (kind) {
                // uniform, skewed, strips of 4 rows each from a few values (the sorted tables' planes), runs
                case 0 -> rnd.nextInt(values);
                case 1 -> Math.min(values - 1, (int) Math.abs(rnd.nextGaussian() * values / 4));
                case 2 -> ((i / stride / 4) * 3 + rnd.nextInt(4)) % values;
                default -> i > 0 && rnd.nextInt(6) > 0 ? -1 : rnd.nextInt(values);
            };
            plane[i] = pick < 0 ? plane[i - 1] : alphabet[pick];
        }
        return plane;
    }

    @Test
    void everyBlocksPaletteIsTheChoosersAndItsResidualCellsAndTransitionsAreCounted() {
        PaletteChooser chooser = new PaletteChooser();
        SuperblockColours colours = new SuperblockColours();
        int[] expected = new int[8];
        int[] actual = new int[8];
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            int bitDepth = new int[] {8, 10, 12}[rnd.nextInt(3)];
            int stride = 128;
            int rows = 128;
            int values = 2 + rnd.nextInt(31);
            int[] plane = plane(rnd, stride, rows, values, bitDepth);
            int x0 = 4 * rnd.nextInt(17);
            int y0 = 4 * rnd.nextInt(17);
            int w = seed % 3 == 0 ? 4 * (1 + rnd.nextInt(16)) : 64;
            int h = seed % 5 == 0 ? 4 * (1 + rnd.nextInt(16)) : 64;
            assertThat(colours.index(plane, stride, x0, y0, w, h))
                    .as("seed %d", seed)
                    .isTrue();
            for (int trial = 0; trial < 200; trial++) {
                int bw = 4 * (1 + rnd.nextInt(w / 4));
                int bh = 4 * (1 + rnd.nextInt(h / 4));
                int bx = 4 * rnd.nextInt((w - bw) / 4 + 1);
                int by = 4 * rnd.nextInt((h - bh) / 4 + 1);
                if (trial == 0) {
                    bx = 0;
                    by = 0;
                    bw = w;
                    bh = h;
                }
                int size = chooser.choose(plane, stride, x0 + bx, y0 + by, bw, bh, expected);
                int got = colours.choose(bx, by, bw, bh, actual);
                String at = String.format("seed %d block %dx%d at (%d, %d)", seed, bw, bh, bx, by);
                assertThat(got).as(at).isEqualTo(size);
                assertThat(java.util.Arrays.copyOf(actual, got))
                        .as(at)
                        .isEqualTo(java.util.Arrays.copyOf(expected, size));
                if (size == 0) {
                    continue;
                }
                int inside = 0;
                for (int c = 0; c < colours.count(); c++) {
                    int v = colours.value(c);
                    int idx = PaletteChooser.nearest(actual, got, v);
                    inside |= actual[idx] == v ? 1 << c : 0;
                }
                int outsideCells = 0;
                int transitions = 0;
                int distinct = 0;
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int cy = 0; cy < bh / 4; cy++) {
                    for (int cx = 0; cx < bw / 4; cx++) {
                        boolean outside = false;
                        for (int i = 0; i < 16; i++) {
                            int v = plane[(y0 + by + cy * 4 + i / 4) * stride + x0 + bx + cx * 4 + i % 4];
                            outside |= actual[PaletteChooser.nearest(actual, got, v)] != v;
                        }
                        outsideCells += outside ? 1 : 0;
                        assertThat(colours.cellOutside((bx >> 2) + cx, (by >> 2) + cy, inside))
                                .as(at)
                                .isEqualTo(outside);
                    }
                }
                for (int y = 0; y < bh; y++) {
                    for (int x = 0; x < bw; x++) {
                        int v = plane[(y0 + by + y) * stride + x0 + bx + x];
                        int left = x > 0
                                ? plane[(y0 + by + y) * stride + x0 + bx + x - 1]
                                : y > 0 ? plane[(y0 + by + y - 1) * stride + x0 + bx] : v;
                        transitions += v != left ? 1 : 0;
                        if (seen.add(v)) {
                            distinct++;
                        }
                        assertThat(colours.value(colours.colourAt(bx + x, by + y)))
                                .isEqualTo(v);
                    }
                }
                int counted = 0;
                for (int c = 0; c < colours.count(); c++) {
                    counted += colours.blockCount(c);
                }
                assertThat(counted).as(at).isEqualTo(bw * bh);
                assertThat(colours.blockColours()).as(at).isEqualTo(distinct);
                assertThat(colours.cellsOutside(bx, by, bw, bh, inside)).as(at).isEqualTo(outsideCells);
                assertThat(colours.transitions(bx, by, bw, bh)).as(at).isEqualTo(transitions);
            }
        }
    }

    @Test
    void aSuperblockOfMoreThanThirtyTwoValuesIsRefusedAndOneOfThirtyTwoCounted() {
        int[] plane = new int[64 * 64];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = i % 33 == 32 && i >= 2048 ? 4000 : (i * 7) % 32;
        }
        SuperblockColours colours = new SuperblockColours();
        assertThat(colours.index(plane, 64, 0, 0, 64, 64)).isFalse();
        assertThat(colours.count()).isZero();
        assertThat(colours.index(plane, 64, 0, 0, 64, 32)).isTrue();
        assertThat(colours.count()).isEqualTo(32);
    }
}
