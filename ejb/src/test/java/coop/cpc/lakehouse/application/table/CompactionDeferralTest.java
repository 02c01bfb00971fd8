package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An asset's automatic compaction waits while its writer catches up, up to a bound of change segments. */
class CompactionDeferralTest {
    private static final int THRESHOLD = 16;

    private final CompactionDeferral deferral = new CompactionDeferral();
    private final UUID behind = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void anAssetWhoseWriterCatchesUpWaitsUntilTheBoundOfChangeSegments() {
        deferral.catchingUp(List.of(behind), true);

        assertThat(deferral.defers(behind, THRESHOLD, THRESHOLD)).isTrue();
        assertThat(deferral.defers(behind, CompactionDeferral.BOUND_FACTOR * THRESHOLD - 1, THRESHOLD))
                .isTrue();
        assertThat(deferral.defers(behind, CompactionDeferral.BOUND_FACTOR * THRESHOLD, THRESHOLD))
                .as("merge-on-read stays bounded: at the bound the compaction starts anyway")
                .isFalse();
        assertThat(deferral.defers(other, THRESHOLD, THRESHOLD)).isFalse();
    }

    @Test
    void aWriterThatHasCaughtUpNoLongerHoldsTheCompaction() {
        deferral.catchingUp(List.of(behind, other), true);
        deferral.catchingUp(List.of(behind), false);

        assertThat(deferral.defers(behind, THRESHOLD, THRESHOLD)).isFalse();
        assertThat(deferral.defers(other, THRESHOLD, THRESHOLD)).isTrue();
    }

    @Test
    void theBoundDoesNotOverflowAtTheLargestThreshold() {
        deferral.catchingUp(List.of(behind), true);

        assertThat(deferral.defers(behind, Integer.MAX_VALUE - 1, Integer.MAX_VALUE))
                .isTrue();
    }
}
