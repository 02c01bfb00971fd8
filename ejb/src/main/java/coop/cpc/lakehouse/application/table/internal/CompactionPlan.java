package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compaction rewrites and what it keeps. An asset with a single integer primary key keeps each base
 * segment (data, of the lowest data sequence) of at least half {@code targetRows} rows whose key range (the
 * catalog's min/max) overlaps the key range of no change segment ({@link MergeIndex#changeSegments}): no change
 * can hide any of its rows, and its keys are in no other segment of the base. Everything else is rewritten.
 * With segments kept, the outputs take the base's data sequence, so that afterwards the live data all share one
 * sequence again (the outputs' keys are disjoint from the kept segments': base keys are unique across the base,
 * and no change key lies in a kept segment's range); with none kept, the read snapshot's sequence, as always.
 * Commits made while the compaction runs have higher sequences either way and stay changes.
 *
 * @param baseSequence the lowest data sequence of the live data (Long.MAX_VALUE: none)
 */
public record CompactionPlan(List<WebmSegment> kept, List<WebmSegment> rewritten, long baseSequence) {

    public CompactionPlan {
        kept = List.copyOf(kept);
        rewritten = List.copyOf(rewritten);
    }

    /** Every live segment rewritten (an asset without a single integer key, or nothing worth keeping). */
    static CompactionPlan whole(List<WebmSegment> live) {
        return new CompactionPlan(List.of(), live, MergeIndex.baseSequence(live));
    }

    public static CompactionPlan of(List<WebmSegment> live, List<Column> keyColumns, int targetRows) {
        if (!RowKey.isSingleInteger(keyColumns)) {
            return whole(live);
        }
        String key = keyColumns.get(0).name();
        long base = MergeIndex.baseSequence(live);
        List<long[]> changed = new ArrayList<>();
        for (WebmSegment change : MergeIndex.changeSegments(live)) {
            long[] range = IntegerColumnRange.of(change.getColumnStatistics(), key);
            if (range == null && change.getRowCount() > 0) {
                // A change whose keys are not known could hide any row.
                return whole(live);
            }
            if (range != null) {
                changed.add(range);
            }
        }
        List<WebmSegment> kept = new ArrayList<>();
        List<WebmSegment> rewritten = new ArrayList<>();
        for (WebmSegment segment : live) {
            (keeps(segment, base, key, changed, targetRows) ? kept : rewritten).add(segment);
        }
        return new CompactionPlan(kept, rewritten, base);
    }

    private static boolean keeps(WebmSegment segment, long base, String key, List<long[]> changed, int targetRows) {
        if (segment.getKind() != SegmentKind.DATA
                || segment.getDataSequence() != base
                || 2 * segment.getRowCount() < targetRows) {
            return false;
        }
        long[] own = IntegerColumnRange.of(segment.getColumnStatistics(), key);
        return own != null && changed.stream().noneMatch(c -> c[0] <= own[1] && own[0] <= c[1]);
    }

    /** The data sequence of the outputs, for a compaction of the snapshot of sequence {@code snapshotSequence}. */
    public long outputSequence(long snapshotSequence) {
        return kept.isEmpty() ? snapshotSequence : baseSequence;
    }

    /**
     * Whether the rewrite would change anything: it removes deletes, or brings data newer than the base down to
     * the base (or all of it, with nothing kept, into one sequence), or joins several segments below the target.
     */
    public boolean worthwhile(int targetRows) {
        if (rewritten.stream().anyMatch(g -> g.getKind() == SegmentKind.DELETES)) {
            return true;
        }
        List<WebmSegment> data =
                rewritten.stream().filter(g -> g.getKind() == SegmentKind.DATA).toList();
        if (data.stream().anyMatch(g -> g.getDataSequence() > baseSequence)) {
            return true;
        }
        // One commit's segments: rewriting helps only when several of them are below the target.
        return data.stream().filter(g -> g.getRowCount() < targetRows).count() > 1;
    }
}
