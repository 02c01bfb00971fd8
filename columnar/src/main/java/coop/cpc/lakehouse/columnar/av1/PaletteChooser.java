package coop.cpc.lakehouse.columnar.av1;

import java.util.Arrays;

/**
 * Picks the palette of a block for the encoder: all its sample values when there are at most eight,
 * otherwise the eight most frequent of at most {@link #MAX_DISTINCT} values provided they cover three
 * quarters of the block (every other sample is then predicted by the nearest palette colour and coded as a
 * residual; below that coverage smooth content is better served by the other modes and not worth the search). Deterministic, so the partition search
 * and the tile writer derive the same palette.
 */
final class PaletteChooser {
    /** Blocks with more distinct values than this are left to the other intra modes. */
    static final int MAX_DISTINCT = 32;

    private static final int HASH_SIZE = 128;

    private final int[] keys = new int[HASH_SIZE];
    private final int[] slotCounts = new int[HASH_SIZE];
    private final int[] values = new int[MAX_DISTINCT];
    private final int[] counts = new int[MAX_DISTINCT];
    private final int[] slotOf = new int[MAX_DISTINCT];

    /**
     * Chooses the palette of the {@code w} x {@code h} samples at (x0, y0): returns its size (2..8) with the
     * colours ascending in {@code colors}, or 0 when the block has too many distinct values.
     */
    int choose(int[] plane, int stride, int x0, int y0, int w, int h, int[] colors) {
        Arrays.fill(keys, -1);
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            int row = y * stride;
            for (int x = x0; x < x0 + w; x++) {
                int v = plane[row + x];
                int slot = (v * 0x9E3779B1) >>> 25;
                while (keys[slot] != -1 && keys[slot] != v) {
                    slot = (slot + 1) & (HASH_SIZE - 1);
                }
                if (keys[slot] == -1) {
                    if (n == MAX_DISTINCT) {
                        return 0;
                    }
                    keys[slot] = v;
                    slotCounts[slot] = 0;
                    slotOf[n++] = slot;
                }
                slotCounts[slot]++;
            }
        }
        for (int i = 0; i < n; i++) {
            values[i] = keys[slotOf[i]];
            counts[i] = slotCounts[slotOf[i]];
        }
        int size = Math.min(n, 8);
        for (int k = 0; k < size; k++) {
            int best = k;
            for (int i = k + 1; i < n; i++) {
                if (counts[i] > counts[best] || (counts[i] == counts[best] && values[i] < values[best])) {
                    best = i;
                }
            }
            int tv = values[k];
            int tc = counts[k];
            values[k] = values[best];
            counts[k] = counts[best];
            values[best] = tv;
            counts[best] = tc;
            colors[k] = values[k];
        }
        if (n > 8) {
            int covered = 0;
            for (int k = 0; k < 8; k++) {
                covered += counts[k];
            }
            if (4 * covered < 3 * w * h) {
                return 0;
            }
        }
        if (size == 1) {
            colors[size++] = colors[0] == 0 ? 1 : colors[0] - 1;
        }
        Arrays.sort(colors, 0, size);
        return size;
    }

    /** Index of the palette colour nearest to {@code v} (the lower one on a tie). */
    static int nearest(int[] colors, int size, int v) {
        int best = 0;
        int bestDist = Math.abs(colors[0] - v);
        for (int i = 1; i < size; i++) {
            int d = Math.abs(colors[i] - v);
            if (d < bestDist) {
                best = i;
                bestDist = d;
            }
        }
        return best;
    }
}
