package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Jakarta Batch execution of an ingestion job, as the job repository reports it.
 *
 * @param batchStatus   STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED or ABANDONED
 * @param trigger       MANUAL, SCHEDULE or RESTART
 * @param restartOf     the execution this one restarted, or null
 * @param interrupted   true when the server stopped while this execution ran (it needs a restart)
 * @param rejectsFile   the rejects file of this execution (NDJSON, relative to webm_storage_path), or null when none was rejected
 */
public record JobRun(
        long executionId,
        long jobInstanceId,
        UUID jobId,
        String batchStatus,
        String exitStatus,
        String trigger,
        Long restartOf,
        boolean interrupted,
        Instant startedAt,
        Instant endedAt,
        List<StepRun> steps,
        String rejectsFile)
        implements AuditedResult {

    /**
     * The execution a call started, stopped or read, for its audit entry: a start names the job, and this the run it
     * began (a restart, the new run; its resource id is the run it restarted).
     */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("executionId", executionId);
    }
}
