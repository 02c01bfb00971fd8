package coop.cpc.lakehouse.columnar.av1;

/**
 * Prefix sums of a superblock's colour changes along its rows, so that the transitions of a block's colour map (a
 * sample whose index differs from its left neighbour's, or in the block's first column from the one above, as the
 * palette trials count them) cost O(the block's height). Maps have row stride 64, the sums row stride 65.
 */
final class RowTransitions {
    private RowTransitions() {}

    /** sums[y * 65 + x]: the t in 1..x-1 whose entry of {@code map} differs from that of t - 1 in row y. */
    static void fill(int[] map, int w, int h, int[] sums) {
        for (int y = 0; y < h; y++) {
            int o = y * 64;
            int t = y * 65;
            sums[t] = 0;
            sums[t + 1] = 0;
            for (int x = 1; x < w; x++) {
                sums[t + x + 1] = sums[t + x] + (map[o + x] != map[o + x - 1] ? 1 : 0);
            }
        }
    }

    /** The transitions of the w x h block at (x0, y0) of {@code map}, from the sums {@link #fill} made. */
    static int count(int[] map, int[] sums, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            int t = y * 65;
            n += sums[t + x0 + w] - sums[t + x0 + 1];
            if (y > y0 && map[y * 64 + x0] != map[(y - 1) * 64 + x0]) {
                n++;
            }
        }
        return n;
    }
}
