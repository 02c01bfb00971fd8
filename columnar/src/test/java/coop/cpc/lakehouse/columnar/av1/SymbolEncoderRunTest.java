package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolEncoderRunTest {

    /** A CDF table of {@code contexts} adaptive n-symbol CDFs (n + 1 entries each: increasing, 32768, counter). */
    private static int[] cdfTable(Random rnd, int contexts, int n) {
        int[] cdf = new int[contexts * (n + 1)];
        for (int c = 0; c < contexts; c++) {
            int[] cuts = rnd.ints(n - 1, 1, 32768).sorted().toArray();
            System.arraycopy(cuts, 0, cdf, c * (n + 1), n - 1);
            cdf[c * (n + 1) + n - 1] = 32768;
        }
        return cdf;
    }

    @Test
    void aRunWritesTheBytesAndAdaptsTheCdfsAsOneEncodePerSymbol() {
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(7);
            int contexts = 5;
            int[] cdfOne = cdfTable(rnd, contexts, n);
            int[] cdfRun = cdfOne.clone();
            int count = rnd.nextInt(5000);
            int[] offsets = new int[count];
            int[] symbols = new int[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = rnd.nextInt(contexts) * (n + 1);
                // Mostly one symbol in some seeds (long renormalisation-free stretches), uniform in others.
                symbols[i] = seed % 3 == 0 && rnd.nextInt(10) > 0 ? 0 : rnd.nextInt(n);
            }
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            one.encodeLiteral(5, 3);
            run.encodeLiteral(5, 3);
            for (int i = 0; i < count; i++) {
                one.encode(cdfOne, offsets[i], n, symbols[i]);
            }
            run.encodeRun(cdfRun, offsets, symbols, count, n);
            one.encodeBool(1);
            run.encodeBool(1);
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }
}
