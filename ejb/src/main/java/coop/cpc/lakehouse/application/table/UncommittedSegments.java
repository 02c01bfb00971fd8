package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segment files a writer of this server staged and still means to commit (or discard), however long
 * that takes: a CDC initial snapshot stages its rows chunk by chunk and commits them all at its end,
 * possibly hours later, and a compaction holds the segments it writes until it commits them.
 * {@link OrphanSegmentCleanup} leaves them alone. Kept in memory on purpose:
 * after a crash nobody holds them any more, so they are orphans like any other.
 */
@ApplicationScoped
public class UncommittedSegments {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** @param paths relative to {@code webm_storage_path}, as {@link StagedSegment#path()} */
    public void hold(Collection<String> paths) {
        held.addAll(paths);
    }

    /** The files were committed (a snapshot names them now), deleted, or left to the orphan cleanup. */
    public void release(Collection<String> paths) {
        held.removeAll(paths);
    }

    public boolean holds(String path) {
        return held.contains(path);
    }

    public int size() {
        return held.size();
    }
}
