package coop.cpc.lakehouse.application.job.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which runs the run history purge may delete. A job instance (a run and its restarts) goes whole or not at all:
 * a restart reads the checkpoints of the instance's earlier executions. It goes only when every one of its executions
 * ended before the cutoff and its newest one COMPLETED or was ABANDONED: the newest execution of a STOPPED or FAILED
 * instance can still be restarted, and one that is STARTING, STARTED or STOPPING runs, or was interrupted by a server
 * stop and can be restarted too. The caller names the instances that stay whatever they are (the newest run of each
 * ingestion job, whose status and commit mark that job's next start and deletion read).
 */
public final class RunHistoryRetention {
    private static final Set<String> OVER = Set.of("COMPLETED", "ABANDONED");

    private RunHistoryRetention() {}

    /**
     * @param executions every execution of the instances to decide on (an instance missing some is decided on those
     *     given)
     * @param cutoff executions that ended before this instant are old enough
     * @param kept instances that stay whatever their executions say
     * @return the instances to delete, in ascending order
     */
    public static Set<Long> purgeableInstances(
            Collection<RecordedExecution> executions, Instant cutoff, Set<Long> kept) {
        Map<Long, List<RecordedExecution>> byInstance = new HashMap<>();
        for (RecordedExecution execution : executions) {
            byInstance
                    .computeIfAbsent(execution.jobInstanceId(), id -> new ArrayList<>())
                    .add(execution);
        }
        Set<Long> purgeable = new TreeSet<>();
        byInstance.forEach((instance, ofInstance) -> {
            if (!kept.contains(instance) && over(ofInstance, cutoff)) {
                purgeable.add(instance);
            }
        });
        return purgeable;
    }

    private static boolean over(List<RecordedExecution> ofInstance, Instant cutoff) {
        for (RecordedExecution execution : ofInstance) {
            if (execution.endedAt() == null || !execution.endedAt().isBefore(cutoff)) {
                return false;
            }
        }
        RecordedExecution newest = ofInstance.stream()
                .max(Comparator.comparingLong(RecordedExecution::executionId))
                .orElseThrow();
        return OVER.contains(newest.batchStatus());
    }
}
