package coop.cpc.lakehouse.application.job.history;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.run.RecordedExecution;
import coop.cpc.lakehouse.catalog.run.RecordedRun;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunHistoryRetentionTest {
    private static final Instant CUTOFF = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant OLD = CUTOFF.minusSeconds(86_400);
    private static final Instant RECENT = CUTOFF.plusSeconds(86_400);

    @Test
    void anInstanceThatCompletedOrWasAbandonedBeforeTheCutoffGoesAndARecentOneStays() {
        List<RecordedExecution> executions = List.of(
                new RecordedExecution(1, 10, "COMPLETED", OLD),
                new RecordedExecution(2, 20, "ABANDONED", OLD),
                new RecordedExecution(3, 30, "COMPLETED", RECENT),
                new RecordedExecution(4, 40, "COMPLETED", CUTOFF));

        assertThat(RunHistoryRetention.purgeableInstances(executions, CUTOFF, Set.of()))
                .containsExactly(10L, 20L);
    }

    @Test
    void theNewestExecutionOfAStoppedOrFailedInstanceCanBeRestartedSoItsWholeInstanceStays() {
        List<RecordedExecution> executions = List.of(
                new RecordedExecution(1, 10, "FAILED", OLD),
                new RecordedExecution(2, 20, "STOPPED", OLD),
                new RecordedExecution(3, 30, "COMPLETED", OLD),
                new RecordedExecution(4, 30, "FAILED", OLD),
                new RecordedExecution(5, 40, "STOPPED", OLD),
                new RecordedExecution(6, 40, "COMPLETED", OLD));

        assertThat(RunHistoryRetention.purgeableInstances(executions, CUTOFF, Set.of()))
                .as("only the instance whose restart completed")
                .containsExactly(40L);
    }

    @Test
    void aRunningOrInterruptedExecutionKeepsItsInstanceWhateverItsTimes() {
        List<RecordedExecution> executions = List.of(
                new RecordedExecution(1, 10, "STARTED", null),
                new RecordedExecution(2, 20, "STARTING", null),
                new RecordedExecution(3, 30, "STOPPING", OLD),
                new RecordedExecution(4, 40, "COMPLETED", null),
                new RecordedExecution(5, 50, "STOPPED", OLD),
                new RecordedExecution(6, 50, "STARTED", null));

        assertThat(RunHistoryRetention.purgeableInstances(executions, CUTOFF, Set.of()))
                .isEmpty();
    }

    @Test
    void anInstanceWithARecentExecutionStaysWhole() {
        List<RecordedExecution> executions = List.of(
                new RecordedExecution(1, 10, "STOPPED", OLD), new RecordedExecution(2, 10, "COMPLETED", RECENT));

        assertThat(RunHistoryRetention.purgeableInstances(executions, CUTOFF, Set.of()))
                .isEmpty();
    }

    @Test
    void anInstanceTheCallerKeepsStays() {
        List<RecordedExecution> executions =
                List.of(new RecordedExecution(1, 10, "COMPLETED", OLD), new RecordedExecution(2, 20, "COMPLETED", OLD));

        assertThat(RunHistoryRetention.purgeableInstances(executions, CUTOFF, Set.of(20L)))
                .containsExactly(10L);
    }

    @Test
    void eachJobsNewestRunAndNewestCommittedRunStaySoAnUnsettledClaimFolderKeepsItsCommitMark() {
        UUID fileDrop = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID other = UUID.fromString("00000000-0000-0000-0000-000000000002");
        List<RecordedRun> runs = List.of(
                new RecordedRun(fileDrop, 10, 1, true),
                // committed, but could not move its claimed files; its successors failed before they settled them
                new RecordedRun(fileDrop, 20, 2, true),
                new RecordedRun(fileDrop, 30, 3, false),
                new RecordedRun(fileDrop, 40, 4, false),
                new RecordedRun(other, 50, 5, true),
                new RecordedRun(other, 60, 6, true));

        assertThat(RunHistoryRetention.keptInstances(runs)).containsExactly(20L, 40L, 60L);
    }

    @Test
    void aJobThatNeverCommittedKeepsOnlyItsNewestRun() {
        UUID job = UUID.fromString("00000000-0000-0000-0000-000000000003");
        List<RecordedRun> runs = List.of(
                new RecordedRun(job, 11, 7, false),
                new RecordedRun(job, 12, 9, false),
                new RecordedRun(job, 12, 8, false));

        assertThat(RunHistoryRetention.keptInstances(runs)).containsExactly(12L);
    }
}
