package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolEncoderRunTest {

    /**
     * A CDF table of {@code contexts} adaptive n-symbol CDFs (n + 1 entries each: increasing, 32768, counter) at
     * {@code off}, after other entries.
     */
    private static int[] cdfTable(Random rnd, int off, int contexts, int n) {
        int[] cdf = new int[off + contexts * (n + 1) + 3];
        for (int c = 0; c < contexts; c++) {
            int[] cuts = rnd.ints(n - 1, 0, 32768).sorted().toArray();
            System.arraycopy(cuts, 0, cdf, off + c * (n + 1), n - 1);
            cdf[off + c * (n + 1) + n - 1] = 32768;
            // Some counters start part way, so every adaptation rate is reached in short runs too.
            cdf[off + c * (n + 1) + n] = rnd.nextInt(34);
        }
        return cdf;
    }

    @Test
    void aColorMapRunWritesTheBytesAndAdaptsTheCdfsAsOneEncodePerSymbolInWavefrontOrder() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(7);
            int contexts = SymbolEncoder.PALETTE_CONTEXTS;
            int off = rnd.nextInt(20);
            int[] cdfOne = cdfTable(rnd, off, contexts, n);
            int[] cdfRun = cdfOne.clone();
            // On-screen sizes 1..64 (one row or column included), in a table of row stride 64 or wider; the
            // entries outside the on-screen part and entry (0, 0) are not coded.
            int w = 1 + rnd.nextInt(64);
            int h = (w == 1 ? 2 : 1) + rnd.nextInt(64 - (w == 1 ? 1 : 0));
            int stride = 64 + rnd.nextInt(3);
            int[] coded = rnd.ints(stride * 64, 0, 64).toArray();
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            one.encodeLiteral(5, 3);
            run.encodeLiteral(5, 3);
            for (int i = 1; i < h + w - 1; i++) {
                for (int j = Math.min(i, w - 1); j >= Math.max(0, i - h + 1); j--) {
                    int context = rnd.nextInt(contexts);
                    // Mostly one symbol in some seeds (long renormalisation-free stretches), mostly the last in
                    // others, uniform in the rest.
                    int symbol = seed % 3 == 0 && rnd.nextInt(10) > 0
                            ? 0
                            : seed % 3 == 1 && rnd.nextInt(10) > 0 ? n - 1 : rnd.nextInt(n);
                    coded[(i - j) * stride + j] = context * 8 + symbol;
                    one.encode(cdfOne, off + context * (n + 1), n, symbol);
                }
            }
            run.encodeColorMap(cdfRun, off, n, coded, stride, w, h);
            one.encodeBool(1);
            run.encodeBool(1);
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }
}
