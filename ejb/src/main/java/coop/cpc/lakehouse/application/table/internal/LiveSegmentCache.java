package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The live segments of the snapshots read last, so that the rows query asks the catalog for them once
 * per snapshot instead of once per request. A committed snapshot's segment list never changes (a later
 * commit removes a segment at a later sequence number, which this snapshot does not see), so a hit is
 * exact; an expired snapshot is refused before its list is asked for, and {@link #forget} drops an
 * asset's lists when its snapshots expire. Bounded by snapshots and by the segments they list together;
 * the least recently used go first.
 */
@ApplicationScoped
public class LiveSegmentCache {
    static final int MAX_SNAPSHOTS = 256;
    static final int MAX_SEGMENTS = 65_536;

    private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private int segments;

    private record Entry(UUID assetId, List<WebmSegment> live) {}

    /**
     * The live segments of {@code snapshotId}, loaded on a miss; callers must not change the list's
     * entities.
     */
    public List<WebmSegment> get(UUID assetId, UUID snapshotId, Supplier<List<WebmSegment>> load) {
        synchronized (entries) {
            Entry cached = entries.get(snapshotId);
            if (cached != null && cached.assetId().equals(assetId)) {
                return cached.live();
            }
        }
        // Loaded outside the lock: two requests may ask the catalog once each.
        List<WebmSegment> live = List.copyOf(load.get());
        if (live.size() > MAX_SEGMENTS) {
            return live;
        }
        synchronized (entries) {
            Entry previous = entries.put(snapshotId, new Entry(assetId, live));
            segments += live.size() - (previous == null ? 0 : previous.live().size());
            Iterator<Map.Entry<UUID, Entry>> eldest = entries.entrySet().iterator();
            while ((entries.size() > MAX_SNAPSHOTS || segments > MAX_SEGMENTS) && eldest.hasNext()) {
                Map.Entry<UUID, Entry> entry = eldest.next();
                if (entry.getKey().equals(snapshotId)) {
                    continue;
                }
                segments -= entry.getValue().live().size();
                eldest.remove();
            }
        }
        return live;
    }

    /** Drops every list of the asset (its snapshots expired, or it was deleted). */
    public void forget(UUID assetId) {
        synchronized (entries) {
            Iterator<Entry> all = entries.values().iterator();
            while (all.hasNext()) {
                Entry entry = all.next();
                if (entry.assetId().equals(assetId)) {
                    segments -= entry.live().size();
                    all.remove();
                }
            }
        }
    }

    /** Snapshots held now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
