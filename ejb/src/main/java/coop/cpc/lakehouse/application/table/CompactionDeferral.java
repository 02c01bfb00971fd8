package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assets whose writer is catching up on a backlog (a CDC stream whose lag is above its bound): their automatic
 * compaction, which a commit starts once the asset has {@code compaction_change_segments} change segments, waits,
 * because a compaction started then takes CPU and catalog time from the very stream it would serve. The wait is
 * bounded: at {@link #BOUND_FACTOR} times {@code compaction_change_segments} change segments the compaction starts
 * anyway, so merge-on-read never reads more change segments than that over an asset's base. The first commit after
 * the writer has caught up starts the compaction it waited for. Kept in memory: after a restart nothing waits.
 */
@ApplicationScoped
public class CompactionDeferral {
    /** Change segments an asset may collect while its writer catches up, in multiples of the compaction threshold. */
    public static final int BOUND_FACTOR = 4;

    private final Set<UUID> catchingUp = ConcurrentHashMap.newKeySet();

    /** Marks the assets as written by a writer that is (or is no longer) catching up on a backlog. */
    public void catchingUp(Collection<UUID> assets, boolean behind) {
        if (behind) {
            catchingUp.addAll(assets);
        } else {
            catchingUp.removeAll(assets);
        }
    }

    /**
     * Whether the automatic compaction of an asset with {@code changeSegments} change segments waits.
     *
     * @param threshold {@code compaction_change_segments}
     */
    public boolean defers(UUID asset, int changeSegments, int threshold) {
        return catchingUp.contains(asset) && changeSegments < (long) BOUND_FACTOR * threshold;
    }
}
