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
 * asset's lists when its snapshots expire. Bounded by snapshots, by the segments they list together and
 * by the estimated memory of those segments (their statistics grow with an asset's columns); the least
 * recently used go first.
 */
@ApplicationScoped
public class LiveSegmentCache {
    static final int MAX_SNAPSHOTS = 256;
    static final int MAX_SEGMENTS = 16_384;
    /** Estimated bytes the cached segments may hold together (a wide asset's statistics are kilobytes each). */
    static final long MAX_BYTES = 32L << 20;

    private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private int segments;
    private long bytes;

    private record Entry(UUID assetId, List<WebmSegment> live, long bytes) {}

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
        long weight = estimatedBytes(live);
        if (live.size() > MAX_SEGMENTS || weight > MAX_BYTES) {
            return live;
        }
        synchronized (entries) {
            Entry previous = entries.put(snapshotId, new Entry(assetId, live, weight));
            segments += live.size() - (previous == null ? 0 : previous.live().size());
            bytes += weight - (previous == null ? 0 : previous.bytes());
            Iterator<Map.Entry<UUID, Entry>> eldest = entries.entrySet().iterator();
            while ((entries.size() > MAX_SNAPSHOTS || segments > MAX_SEGMENTS || bytes > MAX_BYTES)
                    && eldest.hasNext()) {
                Map.Entry<UUID, Entry> entry = eldest.next();
                if (entry.getKey().equals(snapshotId)) {
                    continue;
                }
                segments -= entry.getValue().live().size();
                bytes -= entry.getValue().bytes();
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
                    bytes -= entry.bytes();
                    all.remove();
                }
            }
        }
    }

    /** A segment entity's fields and strings, roughly: its object headers, ids and two bytes a character. */
    static long estimatedBytes(List<WebmSegment> live) {
        long total = 0;
        for (WebmSegment segment : live) {
            String statistics = segment.getColumnStatistics();
            total += 256 + 2L * segment.getPath().length() + (statistics == null ? 0 : 2L * statistics.length());
        }
        return total;
    }

    /** Snapshots held now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
