package coop.cpc.lakehouse.sled.format;

import static coop.cpc.lakehouse.sled.AllocatedBytes.allocatedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An index node of some 10 million children fits the 64 MiB bound on a decompressed page (a zstd blob of a few KB), so
 * what the first merge confirmation builds to find children by pid must stay a few bytes a child: a map of boxed
 * entries and queues cost about 177 bytes a child, some 2 GB for one tiny link on top of the ~82 bytes a child parsing
 * costs. Allocation is counted on the test's thread.
 */
class NodeMergeMemoryTest {

    private static final int CHILDREN = 1_000_000;

    /** What the first merge may allocate per child: a pid table, a chain of repeated pids and a bit set. */
    private static final int BYTES_PER_CHILD = 20;

    @Test
    void theFirstMergeIntoAnIndexNodeOfAMillionChildrenAllocatesAtMostTwentyBytesAChild() {
        Node index =
                NodeTest.indexNodeOf(LongStream.rangeClosed(1, CHILDREN).boxed().toList());

        long merging = allocatedBy(() -> {
            index.apply(new Link.ParentMergeIntention(CHILDREN / 2));
            index.apply(new Link.ParentMergeConfirm());
        });

        assertThat(merging)
                .as("bytes allocated by the first merge into an index node of %d children", CHILDREN)
                .isLessThan((long) BYTES_PER_CHILD * CHILDREN);
        assertThat(index.size()).isEqualTo(CHILDREN - 1);
        assertThat(index.child(CHILDREN / 2 - 2)).isEqualTo(CHILDREN / 2 - 1);
        assertThat(index.child(CHILDREN / 2 - 1)).isEqualTo(CHILDREN / 2 + 1);
    }
}
