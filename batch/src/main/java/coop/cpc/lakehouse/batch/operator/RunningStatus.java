package coop.cpc.lakehouse.batch.operator;

import jakarta.batch.runtime.BatchStatus;
import java.util.EnumSet;
import java.util.Set;

/** The batch statuses of an execution that runs: STARTING, STARTED and STOPPING. */
public final class RunningStatus {
    private static final Set<BatchStatus> RUNNING =
            EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    private RunningStatus() {}

    /** Whether an execution in {@code status} runs. */
    public static boolean isRunning(BatchStatus status) {
        return RUNNING.contains(status);
    }
}
