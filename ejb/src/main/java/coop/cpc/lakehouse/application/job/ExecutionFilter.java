package coop.cpc.lakehouse.application.job;

import java.time.Instant;
import java.util.UUID;

/**
 * What the operator console narrows the list of executions by; every criterion may be null (not narrowed).
 *
 * @param batchStatus one of STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED
 * @param from        started at or after
 * @param to          started before
 */
public record ExecutionFilter(UUID jobId, String batchStatus, Instant from, Instant to, Long executionId) {

    public static ExecutionFilter none() {
        return new ExecutionFilter(null, null, null, null, null);
    }
}
