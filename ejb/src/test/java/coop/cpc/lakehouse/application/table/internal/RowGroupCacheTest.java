package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RowGroupCacheTest {

    private static final Path FILE = Path.of("/segments/a.webm");

    @Test
    void aSecondLookupOfTheSameColumnIsAnsweredWithoutLoading() throws Exception {
        RowGroupCache cache = new RowGroupCache(1 << 20);
        AtomicInteger loads = new AtomicInteger();

        Object[] first = cache.column(FILE, 0, "id", () -> longs(100, loads));
        Object[] second = cache.column(FILE, 0, "id", () -> longs(100, loads));
        cache.column(FILE, 1, "id", () -> longs(100, loads));
        cache.column(FILE, 0, "name", () -> longs(100, loads));

        assertThat(second).isSameAs(first);
        assertThat(loads).hasValue(3);
        assertThat(cache.hitsAndMisses()).containsExactly(1, 3);
    }

    @Test
    void staysWithinItsBytesEvictingTheLeastRecentlyUsed() throws Exception {
        Object[] sample = longs(1000, new AtomicInteger());
        long one = RowGroupCache.columnBytes(sample);
        RowGroupCache cache = new RowGroupCache(3 * one + one / 2);
        AtomicInteger loads = new AtomicInteger();

        for (int g = 0; g < 3; g++) {
            cache.column(FILE, g, "id", () -> longs(1000, loads));
        }
        cache.column(FILE, 0, "id", () -> longs(1000, loads)); // group 0 is now the most recent
        cache.column(FILE, 3, "id", () -> longs(1000, loads)); // evicts group 1, the least recent

        assertThat(cache.bytes()).isLessThanOrEqualTo(3 * one + one / 2);
        int before = loads.get();
        cache.column(FILE, 0, "id", () -> longs(1000, loads));
        cache.column(FILE, 2, "id", () -> longs(1000, loads));
        assertThat(loads.get()).isEqualTo(before);
        cache.column(FILE, 1, "id", () -> longs(1000, loads));
        assertThat(loads.get()).isEqualTo(before + 1);
    }

    @Test
    void aColumnLargerThanTheWholeCacheIsServedButNotKept() throws Exception {
        RowGroupCache cache = new RowGroupCache(1024);
        AtomicInteger loads = new AtomicInteger();

        cache.column(FILE, 0, "id", () -> longs(1000, loads));
        cache.column(FILE, 0, "id", () -> longs(1000, loads));

        assertThat(loads).hasValue(2);
        assertThat(cache.bytes()).isZero();
    }

    private static Object[] longs(int n, AtomicInteger loads) {
        loads.incrementAndGet();
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = (long) i;
        }
        return values;
    }
}
