package coop.cpc.lakehouse.application.job;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One batch execution as {@link JobRunner#execution} reports it.
 *
 * @param batchStatus STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED or ABANDONED
 * @param startedAt   null before it started
 * @param endedAt     null while it runs
 */
public record ExecutionState(
        long jobInstanceId,
        String batchStatus,
        String exitStatus,
        Instant startedAt,
        Instant endedAt,
        List<StepRun> steps) {
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");
    private static final Set<String> RESTARTABLE = Set.of("STOPPED", "FAILED");

    public ExecutionState {
        steps = List.copyOf(steps);
    }

    /** The runtime says it runs, or its end is not written yet (it may have been interrupted: see {@link JobRunner#isInterrupted}). */
    public boolean running() {
        return RUNNING.contains(batchStatus);
    }

    /** Stopped or failed: a restart resumes it from its last checkpoint. */
    public boolean restartable() {
        return RESTARTABLE.contains(batchStatus);
    }
}
