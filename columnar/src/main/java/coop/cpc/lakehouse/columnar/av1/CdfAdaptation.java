package coop.cpc.lakehouse.columnar.av1;

/** The CDF update that follows every adaptive symbol (end of spec 8.2.6), shared by encoder and decoder. */
final class CdfAdaptation {
    private CdfAdaptation() {}

    static void update(int[] cdf, int off, int n, int symbol) {
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
}
