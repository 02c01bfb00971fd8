package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Past the merge index's bound a compaction fails as a read does (it builds the same index): the refusal does not
 * send the user to compaction, but to what works.
 */
class MergeTooLargeMessageTest {

    @Test
    void theRefusalNamesTheOverwriteAndNotACompactionAsTheWayOut() {
        assertThat(new MergeIndex.MergeTooLargeException(MergeIndex.MAX_KEYS).getMessage())
                .isEqualTo("the asset has more than 8388608 changed keys since its last compaction, more than a read"
                        + " or a compaction can index: replace its rows with an OVERWRITE (a compaction fails the same"
                        + " way), and keep its changes between compactions below that (a lower"
                        + " compaction_change_segments compacts sooner)");
    }
}
