package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.job.MissedTick;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last tick of each job's schedule that started no run, in this server's memory: kept until a run of the job
 * starts (by its schedule, by hand or as a restart), or its schedule is cancelled or replaced; lost at a restart of the
 * server, whose next tick records it again. Thread-safe.
 */
final class MissedTicks {
    private final Map<UUID, MissedTick> last = new ConcurrentHashMap<>();

    /**
     * Records the job's missed tick.
     *
     * @return true when the job's last tick was missed for the same outcome and reason (a repeat)
     */
    boolean record(UUID jobId, MissedTick tick) {
        return tick.sameReasonAs(last.put(jobId, tick));
    }

    /** Forgets the job's missed tick: a run of it started, or its timer went. */
    void clear(UUID jobId) {
        last.remove(jobId);
    }

    /** The last missed tick of each of these jobs that has one. */
    Map<UUID, MissedTick> of(Collection<UUID> jobIds) {
        Map<UUID, MissedTick> found = new HashMap<>();
        for (UUID jobId : jobIds) {
            MissedTick tick = last.get(jobId);
            if (tick != null) {
                found.put(jobId, tick);
            }
        }
        return found;
    }
}
