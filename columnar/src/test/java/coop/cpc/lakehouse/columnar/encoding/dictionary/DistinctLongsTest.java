package coop.cpc.lakehouse.columnar.encoding.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistinctLongsTest {

    private static void assertSortsLikeArraysSort(long[] distinct) {
        long[] expected = distinct.clone();
        Arrays.sort(expected);
        long[] actual = distinct.clone();
        DistinctLongs.sortAscending(actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void sortsNarrowAndWideRangesOfDistinctValuesAsArraysSortDoes() {
        Random r = new Random(16);
        for (int round = 0; round < 300; round++) {
            int n = r.nextInt(200);
            long spread = switch (r.nextInt(4)) {
                case 0 -> n + 1L;
                case 1 -> 64L * n + 1;
                case 2 -> (long) DistinctLongs.MAX_BITS_PER_VALUE * n + 1;
                default -> 1L << 40;
            };
            long offset = r.nextBoolean() ? r.nextLong() / 2 : -r.nextInt(1000);
            long[] distinct = r.longs(4L * n + 10, 0, spread)
                    .distinct()
                    .limit(n)
                    .map(v -> v + offset)
                    .toArray();
            assertSortsLikeArraysSort(distinct);
        }
    }

    @Test
    void sortsValuesAtTheEndsOfTheLongRangeWhoseDifferenceOverflows() {
        assertSortsLikeArraysSort(new long[] {Long.MAX_VALUE, 0, Long.MIN_VALUE, -1, 1});
        assertSortsLikeArraysSort(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 64, Long.MAX_VALUE - 3});
        assertSortsLikeArraysSort(new long[] {Long.MIN_VALUE + 130, Long.MIN_VALUE, Long.MIN_VALUE + 63});
    }

    @Test
    void sortsARangeWhoseBitmapEndsExactlyOnAWordBoundary() {
        assertSortsLikeArraysSort(LongStream.rangeClosed(-64, 63).map(v -> -v).toArray());
        assertSortsLikeArraysSort(new long[] {63, 0});
        assertSortsLikeArraysSort(new long[] {64, 0});
        assertSortsLikeArraysSort(new long[] {7});
        assertSortsLikeArraysSort(new long[0]);
    }
}
