package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.columnar.Column;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The merge indexes of the snapshots read last: a snapshot never changes, so paging through it builds
 * its index once. An index is kept per snapshot and key columns (in key order), because its keys are the
 * key values in that order: an index built for another key order would match no row. Bounded by entries and by the heap they take together (estimated: string and composite
 * keys cost far more than integer ones); an index larger than the whole bound is used but not kept. One
 * build runs per snapshot at a time: concurrent first reads of a snapshot wait for it instead of each
 * building its own copy.
 */
@ApplicationScoped
public class MergeIndexCache {
    static final int MAX_ENTRIES = 16;
    /** The most heap the cached indexes take together, estimated ({@link MergeIndex#estimatedBytes}). */
    static final long MAX_BYTES = 268_435_456L;

    private final long maxBytes;
    private final Object lock = new Object();
    private final LinkedHashMap<Key, MergeIndex> indexes = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Key, CompletableFuture<MergeIndex>> building = new HashMap<>();
    private long bytes;

    public MergeIndexCache() {
        this(MAX_BYTES);
    }

    MergeIndexCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What an index is built from: the snapshot's rows, keyed by these columns in this order. */
    private record Key(UUID snapshotId, List<Column> keyColumns) {}

    public MergeIndex get(UUID snapshotId, List<Column> keyColumns, Supplier<MergeIndex> build) {
        Key key = new Key(snapshotId, List.copyOf(keyColumns));
        CompletableFuture<MergeIndex> running;
        CompletableFuture<MergeIndex> mine = null;
        synchronized (lock) {
            MergeIndex cached = indexes.get(key);
            if (cached != null) {
                return cached;
            }
            running = building.get(key);
            if (running == null) {
                mine = new CompletableFuture<>();
                building.put(key, mine);
            }
        }
        if (mine == null) {
            return await(running);
        }
        MergeIndex built;
        try {
            built = build.get();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                building.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (lock) {
            building.remove(key);
            keep(key, built);
        }
        mine.complete(built);
        return built;
    }

    /** The estimated bytes of the indexes kept. */
    long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    int size() {
        synchronized (lock) {
            return indexes.size();
        }
    }

    private void keep(Key key, MergeIndex built) {
        long size = built.estimatedBytes();
        if (size > maxBytes) {
            return;
        }
        indexes.put(key, built);
        bytes += size;
        var eldest = indexes.entrySet().iterator();
        while ((indexes.size() > MAX_ENTRIES || bytes > maxBytes) && eldest.hasNext()) {
            Map.Entry<Key, MergeIndex> entry = eldest.next();
            if (entry.getKey().equals(key)) {
                continue;
            }
            bytes -= entry.getValue().estimatedBytes();
            eldest.remove();
        }
    }

    /** The index another request is building, or its failure (the same snapshot would fail the same way). */
    private static MergeIndex await(CompletableFuture<MergeIndex> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
