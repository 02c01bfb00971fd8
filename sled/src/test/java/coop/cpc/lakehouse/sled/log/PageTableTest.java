package coop.cpc.lakehouse.sled.log;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.sled.format.DiskPointer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page table keeps dense pids in arrays indexed by pid and any other pid in a hash table; both must answer the
 * same as a map from pid to fragment list would.
 */
class PageTableTest {

    /** Pids a crafted log may name: far beyond the dense run, negative as a u64 read into a long, and the extremes. */
    private static final List<Long> SPARSE_PIDS = List.of(1L << 40, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_003L);

    @Test
    void densePagesKeepTheirBaseLinksAndFreesInOrder() {
        PageTable table = new PageTable();
        for (long pid = 0; pid < 10_000; pid++) {
            table.replace(pid, inline(100, pid * 10));
            table.link(pid, inline(101, pid * 10 + 1));
            table.link(pid, inline(101, pid * 10 + 2)); // not newer: ignored, as a replayed message
            table.link(pid, blob(102, pid * 10 + 3, 7 + pid));
        }
        table.free(5, 200);

        assertThat(table.size()).isEqualTo(10_000);
        assertThat(table.fragments(4).orElseThrow())
                .containsExactly(inline(100, 40), inline(101, 41), blob(102, 43, 11));
        assertThat(table.fragments(5)).isEmpty();
        assertThat(table.hasWriteSince(5, 200)).isTrue();
        assertThat(table.hasWriteSince(5, 201)).isFalse();
        assertThat(table.hasWriteSince(4, 102)).isTrue();
        assertThat(table.hasWriteSince(4, 103)).isFalse();
        assertThat(table.fragments(10_000)).isEmpty();
        assertThat(table.hasWriteSince(10_000, Long.MIN_VALUE)).isFalse();
    }

    @Test
    void sparsePagesAnswerLikeDenseOnes() {
        PageTable table = new PageTable();
        for (long pid : SPARSE_PIDS) {
            table.link(pid, inline(1, 1)); // a link before any base is ignored
            table.replace(pid, inline(10, 100));
            table.link(pid, inline(11, 110));
        }
        table.free(Long.MAX_VALUE, 12);

        assertThat(table.size()).isEqualTo(SPARSE_PIDS.size());
        assertThat(table.fragments(-1L).orElseThrow()).containsExactly(inline(10, 100), inline(11, 110));
        assertThat(table.fragments(1L << 40).orElseThrow()).containsExactly(inline(10, 100), inline(11, 110));
        assertThat(table.fragments(Long.MAX_VALUE)).isEmpty();
        assertThat(table.hasWriteSince(Long.MAX_VALUE, 12)).isTrue();
        assertThat(table.hasWriteSince(Long.MIN_VALUE, 12)).isFalse();
        assertThat(table.fragments((1L << 40) + 1)).isEmpty();
        assertThat(table.segmentsReferenced(100)).containsExactlyInAnyOrder(1L);
    }

    @Test
    void aPidFirstStoredApartStaysFoundOnceTheDenseRunGrowsPastIt() {
        PageTable table = new PageTable();
        table.replace(500, inline(1, 5000)); // beyond 2 × 0 + 16: kept apart
        for (long pid = 0; pid < 1_000; pid++) {
            if (pid != 500) {
                table.replace(pid, inline(2, pid));
            }
        }
        table.link(500, inline(3, 5001));

        assertThat(table.size()).isEqualTo(1_000);
        assertThat(table.fragments(500).orElseThrow()).containsExactly(inline(1, 5000), inline(3, 5001));
        assertThat(table.fragments(499).orElseThrow()).containsExactly(inline(2, 499));
        assertThat(table.segmentsReferenced(1000)).containsExactlyInAnyOrder(0L, 5L);
    }

    private static PageLocation inline(long lsn, long offset) {
        return new PageLocation(lsn, new DiskPointer.Inline(offset));
    }

    private static PageLocation blob(long lsn, long offset, long blobLsn) {
        return new PageLocation(lsn, new DiskPointer.Blob(offset, blobLsn));
    }
}
