package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedCdfTest {

    @Test
    void anUpdateOnTheLanesIsTheSpecUpdate() {
        Random rnd = new Random(16);
        for (int t = 0; t < 20_000; t++) {
            int n = 2 + rnd.nextInt(7);
            int[] cdf = new int[n + 1];
            // Entries anywhere in 0..32768, the extremes included.
            int[] cuts = rnd.ints(n - 1, 0, 32769).sorted().toArray();
            if (t % 10 == 0) {
                cuts[0] = 0;
                cuts[n - 2] = 32768;
            }
            System.arraycopy(cuts, 0, cdf, 0, n - 1);
            cdf[n - 1] = 32768;
            int count = rnd.nextInt(33);
            cdf[n] = count;
            int symbol = rnd.nextInt(n);
            int rate = 3 + (count > 15 ? 1 : 0) + (count > 31 ? 1 : 0) + (n >= 4 ? 2 : 1);

            long low = PackedCdf.adapt(PackedCdf.pack(cdf, 0, n, 0), rate, symbol, false);
            long high = PackedCdf.adapt(PackedCdf.pack(cdf, 0, n, 4), rate, symbol, true);
            int[] lanes = cdf.clone();
            PackedCdf.unpack(low, lanes, 0, n, 0);
            PackedCdf.unpack(high, lanes, 0, n, 4);
            CdfAdaptation.update(cdf, 0, n, symbol);
            for (int i = 0; i < n; i++) {
                assertThat(lanes[i]).as("entry %d of trial %d", i, t).isEqualTo(cdf[i]);
            }
        }
    }

    @Test
    void aLaneHoldsTheScaledComplementOfItsEntry() {
        int[] cdf = {0, 64, 32767, 32768, 0};
        long low = PackedCdf.pack(cdf, 0, 4, 0);
        assertThat(PackedCdf.scaled(low, 0)).isEqualTo(512);
        assertThat(PackedCdf.scaled(low, 1)).isEqualTo(511);
        assertThat(PackedCdf.scaled(low, 2)).isEqualTo(0);
        assertThat(PackedCdf.scaled(low, 3)).isEqualTo(0);
        assertThat(PackedCdf.pack(cdf, 0, 4, 4)).isZero();
    }

    @Test
    void aScaledPairHoldsTwoEntriesInTheHalvesOfALong() {
        int[] cdf = {0, 64, 32767, 32768, 0};
        long low = PackedCdf.pack(cdf, 0, 4, 0);
        assertThat(PackedCdf.scaledPair(low, 0)).isEqualTo(512L | 511L << 32);
        assertThat(PackedCdf.scaledPair(low, 1)).isZero();
        int[] wide = {1000, 9000, 20000, 30000, 31000, 32000, 32700, 32768, 0};
        long high = PackedCdf.pack(wide, 0, 8, 4);
        assertThat(PackedCdf.scaledPair(high, 0)).isEqualTo((long) (1768 >>> 6) | (long) (768 >>> 6) << 32);
        assertThat(PackedCdf.scaledPair(high, 1)).isEqualTo((long) (68 >>> 6));
    }
}
