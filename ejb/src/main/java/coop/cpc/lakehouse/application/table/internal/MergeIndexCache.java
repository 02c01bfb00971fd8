package coop.cpc.lakehouse.application.table.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The merge indexes of the snapshots read last: a snapshot never changes, so paging through it builds
 * its index once. Bounded by entries and by the keys they hold together.
 */
@ApplicationScoped
public class MergeIndexCache {
    static final int MAX_ENTRIES = 16;
    static final long MAX_KEYS = 16_777_216L;

    private final LinkedHashMap<UUID, MergeIndex> indexes = new LinkedHashMap<>(16, 0.75f, true);

    public MergeIndex get(UUID snapshotId, Supplier<MergeIndex> build) {
        synchronized (indexes) {
            MergeIndex cached = indexes.get(snapshotId);
            if (cached != null) {
                return cached;
            }
        }
        MergeIndex built = build.get();
        synchronized (indexes) {
            indexes.put(snapshotId, built);
            long keys = indexes.values().stream().mapToLong(MergeIndex::size).sum();
            var eldest = indexes.entrySet().iterator();
            while ((indexes.size() > MAX_ENTRIES || keys > MAX_KEYS) && eldest.hasNext()) {
                Map.Entry<UUID, MergeIndex> entry = eldest.next();
                if (entry.getKey().equals(snapshotId)) {
                    break;
                }
                keys -= entry.getValue().size();
                eldest.remove();
            }
        }
        return built;
    }
}
