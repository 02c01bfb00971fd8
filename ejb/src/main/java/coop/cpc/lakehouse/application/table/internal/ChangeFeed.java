package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The changes between two snapshots, in commit order. Each commit after {@code from} up to {@code to}
 * is replayed over the state of the keys it touches: a data row of a key that existed is an UPDATE
 * (before and after), of a new key an INSERT; a deleted key that existed is a DELETE (before); a commit
 * that replaced everything (an overwrite, a truncate) first deletes every row. Compactions change no
 * row and add nothing. Assets without a primary key report their rows as inserts (and deletes on an
 * overwrite).
 */
public final class ChangeFeed {
    /** The most changes one range may hold: a wider range is refused (read it in narrower ranges). */
    public static final int MAX_CHANGES = 1_000_000;

    private final SegmentFiles files;
    private final List<Column> columns;
    private final List<Column> keyColumns;

    /**
     * @param columns    the asset's columns, the order of every before and after image
     * @param keyColumns its primary key's columns (empty: none)
     */
    public ChangeFeed(SegmentFiles files, List<Column> columns, List<Column> keyColumns) {
        this.files = files;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
    }

    /**
     * @param range    the snapshots after {@code from} up to {@code to}, oldest first
     * @param atFrom   the segments live at {@code from} (empty when the range starts at the beginning)
     * @param segments every segment of the asset (to find those each snapshot added or removed)
     */
    public List<RowChangeEvent> changes(List<AssetSnapshot> range, List<WebmSegment> atFrom, List<WebmSegment> segments)
            throws InvalidInputException {
        Map<UUID, List<WebmSegment>> addedBy = new LinkedHashMap<>();
        Set<UUID> replacing = new HashSet<>();
        for (WebmSegment segment : segments) {
            addedBy.computeIfAbsent(segment.getAddedSnapshotId(), s -> new ArrayList<>())
                    .add(segment);
            if (segment.getRemovedSnapshotId() != null) {
                replacing.add(segment.getRemovedSnapshotId());
            }
        }
        boolean keyed = !keyColumns.isEmpty();
        boolean replaces = false;
        Set<Object> touched = new HashSet<>();
        for (AssetSnapshot snapshot : range) {
            if (snapshot.getOperation() == SnapshotOperation.COMPACT) {
                continue;
            }
            replaces |= replacing.contains(snapshot.getId());
            if (keyed) {
                for (WebmSegment segment : addedBy.getOrDefault(snapshot.getId(), List.of())) {
                    keysOf(segment, touched);
                }
            }
        }
        boolean whole = !keyed || replaces;
        // The state before the range: every row when a commit replaces everything, else the touched keys only.
        Map<Object, Object[]> state = new LinkedHashMap<>();
        if (!atFrom.isEmpty()) {
            MergeOnRead read = new MergeOnRead(
                    files, atFrom, keyColumns, keyed ? MergeIndex.build(files, atFrom, keyColumns) : null);
            int[] keyAt = RowKey.positions(keyColumns, columns);
            int[] counter = {0};
            read.scan(columns, List.of(), null, (row, s, g, r) -> {
                Object key = keyed ? RowKey.of(keyColumns, row, keyAt) : (Object) ("#" + counter[0]++);
                if (whole || touched.contains(key)) {
                    state.put(key, row);
                }
                if (state.size() > MAX_CHANGES) {
                    return false;
                }
                return true;
            });
            requireBounded(state.size());
        }
        List<RowChangeEvent> events = new ArrayList<>();
        long[] nextUnkeyed = {Long.MIN_VALUE};
        for (AssetSnapshot snapshot : range) {
            if (snapshot.getOperation() == SnapshotOperation.COMPACT) {
                continue;
            }
            if (replacing.contains(snapshot.getId())) {
                for (Object[] before : state.values()) {
                    events.add(event(snapshot, RowChangeEvent.Kind.DELETE, before, null));
                }
                state.clear();
            }
            List<WebmSegment> added = addedBy.getOrDefault(snapshot.getId(), List.of());
            for (WebmSegment segment : added) {
                if (segment.getKind() == SegmentKind.DELETES) {
                    for (Object[] key : read(segment, keyColumns)) {
                        Object[] before = state.remove(RowKey.of(keyColumns, key, identity(keyColumns.size())));
                        if (before != null) {
                            events.add(event(snapshot, RowChangeEvent.Kind.DELETE, before, null));
                        }
                    }
                }
            }
            for (WebmSegment segment : added) {
                if (segment.getKind() == SegmentKind.DATA) {
                    int[] keyAt = RowKey.positions(keyColumns, columns);
                    for (Object[] row : read(segment, columns)) {
                        Object key = keyed ? RowKey.of(keyColumns, row, keyAt) : (Object) ("+" + nextUnkeyed[0]++);
                        Object[] before = state.put(key, row);
                        events.add(event(
                                snapshot,
                                before == null ? RowChangeEvent.Kind.INSERT : RowChangeEvent.Kind.UPDATE,
                                before,
                                row));
                    }
                }
            }
            requireBounded(events.size());
        }
        return events;
    }

    private static void requireBounded(int size) throws InvalidInputException {
        if (size > MAX_CHANGES) {
            throw new InvalidInputException("the range holds more than " + MAX_CHANGES
                    + " changes; read it in narrower ranges (fromSnapshot, toSnapshot)");
        }
    }

    private static RowChangeEvent event(
            AssetSnapshot snapshot, RowChangeEvent.Kind kind, Object[] before, Object[] after) {
        return new RowChangeEvent(snapshot.getId(), snapshot.getSequenceNumber(), kind, before, after);
    }

    private static int[] identity(int n) {
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return positions;
    }

    private void keysOf(WebmSegment segment, Set<Object> into) {
        int[] positions = identity(keyColumns.size());
        for (Object[] key : read(segment, keyColumns)) {
            into.add(RowKey.of(keyColumns, key, positions));
        }
    }

    /** Every stored row of one segment, projected to {@code output} (nulls for columns it lacks). */
    private List<Object[]> read(WebmSegment segment, List<Column> output) {
        List<String> names = output.stream().map(Column::name).toList();
        List<Object[]> rows = new ArrayList<>();
        try (SegmentRowGroups groups = SegmentRowGroups.open(files.resolve(segment.getPath()))) {
            for (int g = 0; g < groups.groupCount(); g++) {
                Object[][] values = groups.decode(g, names);
                for (int r = 0; r < groups.rows(g); r++) {
                    Object[] row = new Object[names.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = values[c][r];
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
        }
        return rows;
    }
}
