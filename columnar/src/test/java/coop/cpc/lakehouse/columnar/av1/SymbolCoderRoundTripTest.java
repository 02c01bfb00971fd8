package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolCoderRoundTripTest {

    /** A random CDF of n symbols in the specification's form (increasing, 32768, counter). */
    private static int[] randomCdf(Random rnd, int n) {
        int[] cdf = new int[n + 1];
        int[] cuts = rnd.ints(n - 1, 1, 32768).sorted().toArray();
        for (int i = 0; i < n - 1; i++) {
            cdf[i] = cuts[i];
        }
        cdf[n - 1] = 32768;
        return cdf;
    }

    @Test
    void seededRandomSymbolsWithAdaptingCdfsDecodeToTheSameSymbols() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            int contexts = 8;
            int[] sizes = new int[contexts];
            int[][] encCdfs = new int[contexts][];
            int[][] decCdfs = new int[contexts][];
            for (int c = 0; c < contexts; c++) {
                sizes[c] = 2 + rnd.nextInt(15);
                encCdfs[c] = randomCdf(rnd, sizes[c]);
                decCdfs[c] = encCdfs[c].clone();
            }
            int count = 1 + rnd.nextInt(20000);
            int[] kinds = new int[count];
            int[] ctxs = new int[count];
            int[] values = new int[count];
            int skew = rnd.nextInt(4);
            SymbolEncoder enc = new SymbolEncoder(true);
            for (int i = 0; i < count; i++) {
                kinds[i] = rnd.nextInt(10) == 0 ? 1 : (rnd.nextInt(20) == 0 ? 2 : 0);
                ctxs[i] = rnd.nextInt(contexts);
                switch (kinds[i]) {
                    case 0 -> {
                        int n = sizes[ctxs[i]];
                        values[i] =
                                skew == 0 ? rnd.nextInt(n) : Math.min(n - 1, (int) Math.abs(rnd.nextGaussian() * skew));
                        enc.encode(encCdfs[ctxs[i]], 0, n, values[i]);
                    }
                    case 1 -> {
                        values[i] = rnd.nextInt(2);
                        enc.encodeBool(values[i]);
                    }
                    default -> {
                        values[i] = rnd.nextInt(1 << 13);
                        enc.encodeLiteral(values[i], 13);
                    }
                }
            }
            byte[] data = enc.finish();
            SymbolDecoder dec = new SymbolDecoder(true);
            dec.init(data, 0, data.length);
            for (int i = 0; i < count; i++) {
                int got = switch (kinds[i]) {
                    case 0 -> dec.decode(decCdfs[ctxs[i]], 0, sizes[ctxs[i]]);
                    case 1 -> dec.decodeBool();
                    default -> dec.decodeLiteral(13);
                };
                assertThat(got).as("symbol %d of seed %d", i, seed).isEqualTo(values[i]);
            }
            dec.exit("test tile");
            for (int c = 0; c < contexts; c++) {
                assertThat(decCdfs[c]).isEqualTo(encCdfs[c]);
            }
        }
    }

    @Test
    void skewedSymbolsCostFarLessThanTheirRawSize() {
        int[] cdf = {32000, 32768, 0};
        SymbolEncoder enc = new SymbolEncoder(true);
        for (int i = 0; i < 80000; i++) {
            enc.encode(cdf, 0, 2, i % 100 == 0 ? 1 : 0);
        }
        assertThat(enc.finish().length).isLessThan(80000 / 8 / 8);
    }

    @Test
    void fixedCdfSymbolsRoundTripWithoutAdapting() throws Exception {
        int[] cdf = {20000, 32768, 0};
        SymbolEncoder enc = new SymbolEncoder(true);
        Random rnd = new Random(7);
        int[] bits = rnd.ints(5000, 0, 2).toArray();
        for (int b : bits) {
            enc.encodeFixed(cdf, 0, 2, b);
        }
        byte[] data = enc.finish();
        assertThat(cdf).containsExactly(20000, 32768, 0);
        SymbolDecoder dec = new SymbolDecoder(true);
        dec.init(data, 0, data.length);
        for (int b : bits) {
            assertThat(dec.decodeFixed(cdf, 0, 2)).isEqualTo(b);
        }
        dec.exit("test tile");
    }
}
