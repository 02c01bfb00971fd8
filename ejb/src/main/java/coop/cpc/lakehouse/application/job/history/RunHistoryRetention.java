package coop.cpc.lakehouse.application.job.history;

import coop.cpc.lakehouse.catalog.run.RecordedExecution;
import coop.cpc.lakehouse.catalog.run.RecordedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which runs the run history purge may delete. A job instance (a run and its restarts) goes whole or not at all:
 * a restart reads the checkpoints of the instance's earlier executions. It goes only when every one of its executions
 * ended before the cutoff and its newest one COMPLETED or was ABANDONED: the newest execution of a STOPPED or FAILED
 * instance can still be restarted, and one that is STARTING, STARTED or STOPPING runs, or was interrupted by a server
 * stop and can be restarted too. The caller names the instances that stay whatever they are: {@link
 * #keptInstances} gives those of the ingestion jobs' runs.
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

    /**
     * The instances of an ingestion job's runs that stay however old: the job's newest run (its status is what the
     * job's next start reads) and its newest committed run. A run that committed but could not move its claimed files
     * leaves them in its claim folder, which the job's next start settles by that run's commit mark; if that start
     * fails first, the committed run is no longer the newest, and purging it would give its files back to be read a
     * second time. Every later run either settles the older claim folders or fails before it reads, so the newest
     * committed run is the only one whose claims can still be unsettled.
     *
     * @param runs the ingestion runs, in any order
     */
    public static Set<Long> keptInstances(Collection<RecordedRun> runs) {
        Map<UUID, RecordedRun> newest = new HashMap<>();
        Map<UUID, RecordedRun> newestCommitted = new HashMap<>();
        for (RecordedRun run : runs) {
            newest.merge(run.jobId(), run, RunHistoryRetention::newer);
            if (run.committed()) {
                newestCommitted.merge(run.jobId(), run, RunHistoryRetention::newer);
            }
        }
        Set<Long> kept = new TreeSet<>();
        newest.values().forEach(run -> kept.add(run.jobInstanceId()));
        newestCommitted.values().forEach(run -> kept.add(run.jobInstanceId()));
        return kept;
    }

    private static RecordedRun newer(RecordedRun one, RecordedRun other) {
        return one.executionId() >= other.executionId() ? one : other;
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
