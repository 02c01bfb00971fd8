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

    /**
     * Both ways of ordering by frequency give the same codes: a counting sort while counts stay near the number of
     * distinct values, a sort of packed keys for a few values repeated far more often (whose count table would be
     * as large as the chunk).
     */
    @Test
    void aFewVeryFrequentValuesAreOrderedLikeManyRareOnes() {
        long[] v = new long[200_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 150 ? 1_000 + i : (i % 3 == 0 ? -7 : i % 3 == 1 ? 42 : Long.MIN_VALUE);
        }
        IntDictionary.Encoded d = IntDictionary.encode(v, true);

        assertThat(d.entries()).startsWith(-7L, 42L, Long.MIN_VALUE).hasSize(153);
        assertThat(d.entries()[3]).isEqualTo(1_000L);
        assertThat(d.entries()[152]).isEqualTo(1_149L);
        for (int i = 0; i < v.length; i++) {
            assertThat(d.entries()[(int) d.codes()[i]]).isEqualTo(v[i]);
        }
    }

    @Test
    void countsTheDistinctValuesOfNonDecreasingValuesAndNothingForOthers() {
        assertThat(IntDictionary.distinctIfAscending(new long[0])).isZero();
        assertThat(IntDictionary.distinctIfAscending(new long[] {5})).isEqualTo(1);
        assertThat(IntDictionary.distinctIfAscending(new long[] {Long.MIN_VALUE, -1, -1, 0, 0, 0, 7, Long.MAX_VALUE}))
                .isEqualTo(5);
        assertThat(IntDictionary.distinctIfAscending(new long[] {1, 2, 2, 1})).isEqualTo(-1);
        assertThat(IntDictionary.distinctIfAscending(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}))
                .isEqualTo(-1);
    }

    @Test
    void ascendingValuesGiveTheSameDictionaryOrRefusalAsTheTableCountAtEveryLimit() {
        Random rnd = new Random(21);
        for (int round = 0; round < 200; round++) {
            long[] v = new long[1 + rnd.nextInt(60)];
            long x = rnd.nextInt(1000) - 500;
            for (int i = 0; i < v.length; i++) {
                x += rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(5);
                v[i] = x;
            }
            int distinct = (int) java.util.Arrays.stream(v).distinct().count();
            for (int max : new int[] {distinct - 1, distinct, distinct + 1, v.length}) {
                IntDictionary d = IntDictionary.count(v, Math.max(1, max));
                if (distinct > Math.max(1, max)) {
                    assertThat(d).as("round %d, max %d", round, max).isNull();
                } else {
                    assertThat(d).as("round %d, max %d", round, max).isNotNull();
                    assertThat(d.values())
                            .containsExactly(
                                    java.util.Arrays.stream(v).distinct().toArray());
                    for (boolean frequency : new boolean[] {false, true}) {
                        IntDictionary.Encoded e = d.encode(frequency);
                        for (int i = 0; i < v.length; i++) {
                            assertThat(e.entries()[(int) e.codes()[i]]).isEqualTo(v[i]);
                        }
                    }
                }
            }
        }
    }
}
