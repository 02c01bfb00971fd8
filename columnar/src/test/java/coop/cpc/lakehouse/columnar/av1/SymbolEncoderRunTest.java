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
    void aColorMapRunWritesTheBytesAndAdaptsTheCdfsAsOneEncodePerSymbol() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(7);
            int contexts = SymbolEncoder.PALETTE_CONTEXTS;
            int off = rnd.nextInt(20);
            int[] cdfOne = cdfTable(rnd, off, contexts, n);
            int[] cdfRun = cdfOne.clone();
            int count = rnd.nextInt(5000);
            int[] offsets = new int[count];
            int[] symbols = new int[count];
            int[] coded = new int[count];
            for (int i = 0; i < count; i++) {
                int context = rnd.nextInt(contexts);
                offsets[i] = off + context * (n + 1);
                // Mostly one symbol in some seeds (long renormalisation-free stretches), mostly the last in
                // others, uniform in the rest.
                symbols[i] = seed % 3 == 0 && rnd.nextInt(10) > 0
                        ? 0
                        : seed % 3 == 1 && rnd.nextInt(10) > 0 ? n - 1 : rnd.nextInt(n);
                coded[i] = context * 8 + symbols[i];
            }
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            one.encodeLiteral(5, 3);
            run.encodeLiteral(5, 3);
            for (int i = 0; i < count; i++) {
                one.encode(cdfOne, offsets[i], n, symbols[i]);
            }
            run.encodeColorMap(cdfRun, off, n, coded, count);
            one.encodeBool(1);
            run.encodeBool(1);
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }
}
