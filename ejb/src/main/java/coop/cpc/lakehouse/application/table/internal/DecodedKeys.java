package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key columns of the change data segments as the merge index decoded them, handed to the compaction's scan
 * so that it does not decode them a second time. Which segments' keys are kept is decided before either side
 * starts (the change data segments in order, up to {@code maxRows} rows in all), so the scan knows which key
 * columns to leave out of its own decoding; each row group's columns are handed over once and then dropped.
 */
final class DecodedKeys {
    /** Rows whose key columns a compaction keeps at most (about 20 MB of boxed integer keys). */
    static final long MAX_ROWS = 1_048_576;

    private final Set<String> kept;
    private final Map<GroupKey, Object[][]> columns = new ConcurrentHashMap<>();

    private DecodedKeys(Set<String> kept) {
        this.kept = kept;
    }

    /** Keeps nothing: the scan decodes every key column itself. */
    static DecodedKeys none() {
        return new DecodedKeys(Set.of());
    }

    /** Keeps the key columns of the change data segments of {@code live}, in order, while they total {@code maxRows} rows. */
    static DecodedKeys ofChangeData(List<WebmSegment> live, long maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows " + maxRows + " is negative");
        }
        Set<String> kept = new HashSet<>();
        long rows = 0;
        for (WebmSegment segment : MergeIndex.changeSegments(live)) {
            if (segment.getKind() != SegmentKind.DATA) {
                continue;
            }
            if (rows + segment.getRowCount() > maxRows) {
                break;
            }
            rows += segment.getRowCount();
            kept.add(segment.getPath());
        }
        return new DecodedKeys(Set.copyOf(kept));
    }

    /** Whether the index keeps this segment's key columns for the scan. */
    boolean keeps(WebmSegment segment) {
        return kept.contains(segment.getPath());
    }

    /** The index's decoded key columns of one row group of a kept segment (ignored for any other). */
    void put(WebmSegment segment, int group, Object[][] keyColumns) {
        if (keeps(segment)) {
            columns.put(new GroupKey(segment.getPath(), group), keyColumns);
        }
    }

    /** The key columns of a kept segment's row group, handed over once (the index must have been built). */
    Object[][] take(WebmSegment segment, int group) {
        Object[][] taken = columns.remove(new GroupKey(segment.getPath(), group));
        if (taken == null) {
            throw new IllegalStateException(
                    "the merge index kept no key columns of row group " + group + " of " + segment.getPath());
        }
        return taken;
    }

    /** Row groups whose key columns were put and not yet taken. */
    int waiting() {
        return columns.size();
    }

    private record GroupKey(String path, int group) {}
}
