package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The change segments (see {@link MergeIndex#changeSegments}) of each asset's latest counted snapshot, so
 * that the check after every commit (start a compaction?) need not load the asset's live segments: a commit
 * on top of the counted snapshot adds its own segments to the count; anything else (an asset not seen yet,
 * a compaction or a commit that did not pass here in between) is counted afresh from the live segments.
 */
@ApplicationScoped
public class ChangeSegmentCounts {
    /** Assets whose count is kept; past it the counts start over (each is then counted afresh once). */
    static final int MAX_ASSETS = 10_000;

    /**
     * The change segments live at a snapshot.
     *
     * @param hasData whether any data segment is live (the first data segments are the base, not changes)
     */
    record Count(UUID snapshotId, int changes, boolean hasData) {

        /** The count of the live segments of a snapshot. */
        static Count of(UUID snapshotId, List<WebmSegment> live) {
            return new Count(
                    snapshotId,
                    MergeIndex.changeSegments(live).size(),
                    live.stream().anyMatch(g -> g.getKind() != SegmentKind.DELETES));
        }

        /** The count of the snapshot a commit of {@code staged} made on top of this one. */
        Count after(UUID committed, StagedChanges staged) {
            int deletes = staged.deleteSegments().size();
            int data = staged.dataSegments().size();
            if (staged.replaceAll()) {
                // Everything live before is removed; the new data segments are the base.
                return new Count(committed, deletes, data > 0);
            }
            // New data segments are newer than the base, unless there was no data: then they are the base.
            return new Count(committed, changes + deletes + (hasData ? data : 0), hasData || data > 0);
        }
    }

    private final Map<UUID, Count> byAsset = new ConcurrentHashMap<>();

    /** The asset's latest count, or null. */
    Count counted(UUID assetId) {
        return byAsset.get(assetId);
    }

    /**
     * The change segments live at {@code committed}, the snapshot a commit of {@code staged} made on top of
     * {@code parent} (null: the asset had no current snapshot).
     *
     * @param live the live segments at {@code committed}, read only when the count at {@code parent} is not known
     */
    int afterCommit(UUID parent, UUID committed, StagedChanges staged, Supplier<List<WebmSegment>> live) {
        Count known = parent == null ? new Count(null, 0, false) : byAsset.get(staged.assetId());
        Count count = known != null && java.util.Objects.equals(known.snapshotId(), parent)
                ? known.after(committed, staged)
                : Count.of(committed, live.get());
        if (byAsset.size() >= MAX_ASSETS) {
            byAsset.clear();
        }
        byAsset.put(staged.assetId(), count);
        return count.changes();
    }
}
