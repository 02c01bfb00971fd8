package coop.cpc.lakehouse.columnar.encoding.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IntDictionaryTest {

    /** Seeded values with many ties in their counts, negative and extreme values, zero among them. */
    private static long[] values(long seed) {
        Random rnd = new Random(seed);
        long[] pool = new long[1 + rnd.nextInt(300)];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = switch (i % 4) {
                case 0 -> rnd.nextLong();
                case 1 -> rnd.nextInt(50) - 25;
                case 2 -> i % 8 == 2 ? Long.MIN_VALUE + i : Long.MAX_VALUE - i;
                default -> 0;
            };
        }
        long[] v = new long[1 + rnd.nextInt(5000)];
        for (int i = 0; i < v.length; i++) {
            v[i] = pool[(int) Math.min(pool.length - 1, Math.abs(rnd.nextGaussian()) * pool.length / 3)];
        }
        return v;
    }

    @Test
    void entriesAreAscendingOrMostFrequentFirstWithTiesAscendingAndCodesPointAtTheirValues() {
        for (long seed = 1; seed <= 40; seed++) {
            long[] v = values(seed);
            Map<Long, Integer> counts = new TreeMap<>();
            for (long x : v) {
                counts.merge(x, 1, Integer::sum);
            }
            List<Long> ascending = new ArrayList<>(counts.keySet());
            List<Long> byFrequency = new ArrayList<>(ascending);
            byFrequency.sort(Comparator.comparing((Long x) -> -counts.get(x)).thenComparing(x -> x));
            for (boolean frequency : new boolean[] {false, true}) {
                IntDictionary.Encoded d = IntDictionary.encode(v, frequency);
                List<Long> expected = frequency ? byFrequency : ascending;
                assertThat(d.entries())
                        .as("seed %d, by frequency %s", seed, frequency)
                        .containsExactly(
                                expected.stream().mapToLong(Long::longValue).toArray());
                for (int i = 0; i < v.length; i++) {
                    assertThat(d.entries()[(int) d.codes()[i]]).isEqualTo(v[i]);
                }
            }
        }
    }
}
