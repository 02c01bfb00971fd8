package coop.cpc.lakehouse.columnar.av1;

/** The CDF update that follows every adaptive symbol (end of spec 8.2.6), shared by encoder and decoder. */
final class CdfAdaptation {
    /**
     * BELOW[8 * symbol + i] = -1 when entry i lies under the symbol (it moves towards 0), else 0 (towards
     * 32768): a mask per entry from a table instead of from the loop index, for the 8-symbol update.
     */
    private static final int[] BELOW = new int[8 * 8];

    static {
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < 8; i++) {
                BELOW[8 * s + i] = i < s ? -1 : 0;
            }
        }
    }

    private CdfAdaptation() {}

    static void update(int[] cdf, int off, int n, int symbol) {
        if (n == 8) {
            update8(cdf, off, symbol);
            return;
        }
        int count = cdf[off + n];
        int rate = 3 + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0) + (n >= 4 ? 2 : (n >= 2 ? 1 : 0));
        for (int i = 0; i < n - 1; i++) {
            int c = cdf[off + i];
            // below = -1 for entries under the symbol (they move towards 0), 0 from it on (towards 32768):
            // no branch to mispredict on random symbols.
            int below = (i - symbol) >> 31;
            cdf[off + i] = c + (((32768 - c) >> rate) & ~below) - ((c >> rate) & below);
        }
        if (count < 32) {
            cdf[off + n] = count + 1;
        }
    }

    /**
     * The update of an 8-symbol CDF (palette colour indices of 8-colour palettes, the noisy planes' symbol)
     * over all eight entries: the last is 32768, which the update leaves as it is, and a loop of constant
     * length is one the JIT unrolls and vectorises (measured about 1.5x faster than the loop to n - 1).
     */
    private static void update8(int[] cdf, int off, int symbol) {
        int count = cdf[off + 8];
        int rate = 5 + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0);
        int m = 8 * symbol;
        for (int i = 0; i < 8; i++) {
            int c = cdf[off + i];
            int below = BELOW[m + i];
            cdf[off + i] = c + (((32768 - c) >> rate) & ~below) - ((c >> rate) & below);
        }
        if (count < 32) {
            cdf[off + 8] = count + 1;
        }
    }
}
