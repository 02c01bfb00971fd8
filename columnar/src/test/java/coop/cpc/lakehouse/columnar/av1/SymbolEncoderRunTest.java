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

    /** A colour context a map of n colours can have: any of the five, but context 1 for two colours. */
    private static int possibleContext(Random rnd, int n) {
        int context = rnd.nextInt(SymbolEncoder.PALETTE_CONTEXTS);
        return n == 2 && context == 1 ? 0 : context;
    }

    @Test
    void aTwoColourMapTakesTheSaturatedRunWhileTheContextNoSuchMapHasStaysBelowItsLimit() {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            int n = 2;
            int off = rnd.nextInt(20);
            int[] cdfOne = cdfTable(rnd, off, SymbolEncoder.PALETTE_CONTEXTS, n);
            for (int c = 0; c < SymbolEncoder.PALETTE_CONTEXTS; c++) {
                cdfOne[off + c * (n + 1) + n] = c == 1 ? rnd.nextInt(32) : 32;
            }
            int[] cdfRun = cdfOne.clone();
            int count = 2 + rnd.nextInt(64 * 64 - 1);
            int[] coded = new int[count];
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            for (int t = 1; t < count; t++) {
                int context = possibleContext(rnd, n);
                int symbol = seed % 2 == 0 && rnd.nextInt(8) > 0 ? 1 : rnd.nextInt(n);
                coded[t] = context * 8 + symbol;
                one.encode(cdfOne, off + context * (n + 1), n, symbol);
            }
            run.encodeColorMap(cdfRun, off, n, coded, count);
            one.encodeBool(0);
            run.encodeBool(0);
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }

    @Test
    void aColorMapRunWritesTheBytesAndAdaptsTheCdfsAsOneEncodePerSymbolInCodingOrder() {
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(7);
            int contexts = SymbolEncoder.PALETTE_CONTEXTS;
            int off = rnd.nextInt(20);
            int[] cdfOne = cdfTable(rnd, off, contexts, n);
            if (seed % 4 == 0) {
                // Every counter at its limit: the run that adapts at one fixed rate.
                for (int c = 0; c < contexts; c++) {
                    cdfOne[off + c * (n + 1) + n] = 32;
                }
            }
            int[] cdfRun = cdfOne.clone();
            // 2..4096 entries, the first (entry (0, 0) of a map) not coded; a longer table than that.
            int count = seed % 5 == 0 ? 2 + rnd.nextInt(40) : 2 + rnd.nextInt(64 * 64 - 1);
            int[] coded = rnd.ints(count + rnd.nextInt(3), 0, 64).toArray();
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            one.encodeLiteral(5, 3);
            run.encodeLiteral(5, 3);
            for (int t = 1; t < count; t++) {
                int context = possibleContext(rnd, n);
                // Mostly one symbol in some seeds (long renormalisation-free stretches), mostly the last in
                // others, uniform in the rest.
                int symbol = seed % 3 == 0 && rnd.nextInt(10) > 0
                        ? 0
                        : seed % 3 == 1 && rnd.nextInt(10) > 0 ? n - 1 : rnd.nextInt(n);
                coded[t] = context * 8 + symbol;
                one.encode(cdfOne, off + context * (n + 1), n, symbol);
            }
            run.encodeColorMap(cdfRun, off, n, coded, count);
            one.encodeBool(1);
            run.encodeBool(1);
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }

    @Test
    void runsOneAfterAnotherContinueTheBytesOfOneEncodePerSymbol() {
        // Many maps in one tile: the coder's state, its bytes and the CDFs carry over from run to run, the
        // counters reach their limit in the first runs, and the output grows past its first array.
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + (int) seed;
            int off = 3;
            int[] cdfOne = cdfTable(rnd, off, SymbolEncoder.PALETTE_CONTEXTS, n);
            int[] cdfRun = cdfOne.clone();
            SymbolEncoder one = new SymbolEncoder(true);
            SymbolEncoder run = new SymbolEncoder(true);
            for (int m = 0; m < 12; m++) {
                int count = 2 + rnd.nextInt(64 * 64 - 1);
                int[] coded = new int[count];
                for (int t = 1; t < count; t++) {
                    int context = possibleContext(rnd, n);
                    int symbol = m % 2 == 0 ? rnd.nextInt(n) : rnd.nextInt(4) > 0 ? 0 : rnd.nextInt(n);
                    coded[t] = context * 8 + symbol;
                    one.encode(cdfOne, off + context * (n + 1), n, symbol);
                }
                run.encodeColorMap(cdfRun, off, n, coded, count);
                one.encodeLiteral(m, 4);
                run.encodeLiteral(m, 4);
            }
            assertThat(run.finish()).as("seed %d", seed).isEqualTo(one.finish());
            assertThat(cdfRun).as("seed %d", seed).isEqualTo(cdfOne);
        }
    }
}
