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
 *
 * <p>Bounded before and while it reads: every data row added in the range is one change, so the catalog's
 * row counts refuse a range with too many before any file is opened; the keys touched, the state read at
 * {@code from} and the changes are counted row by row against the same bound, and segments are read one
 * row group at a time. Only the page asked for is kept; when the catalog's counts show the range cannot
 * exceed the bound, the replay stops at the end of that page. A call may also be given fewer changes to
 * replay than the bound (what its request has left, {@link ChangesReplayed}); it says how many it replayed.
 */
public final class ChangeFeed {
    /** The most changes one range may hold: a wider range is refused (read it in narrower ranges). */
    public static final int MAX_CHANGES = 1_000_000;

    /**
     * The most snapshots one range may span: a wider range is refused before its rows are loaded (read it in
     * narrower ranges). Its snapshot rows and the segment rows their commits added are held while it is replayed:
     * about 0.65 KB per snapshot row and 1.2 KB per segment row of eight columns' statistics (measured on the JPA
     * adapter), so about 200 MB for commits of one segment each, as much as the replay state of the changes bound
     * may hold; a day of commits once a second fits one range.
     */
    public static final int MAX_RANGE_SNAPSHOTS = 100_000;

    /**
     * The most segments live at a range's {@code fromSnapshot} (the state its replay starts from): a range starting at
     * a snapshot with more is refused before their rows are loaded, counted by the catalog (compact the asset and
     * start after the compaction). Their rows are held while the range is replayed: about 1.2 KB per segment row of
     * eight columns' statistics (20,000 rows loaded through the JPA adapter, heap compared after garbage collection),
     * so about 120 MB, besides what {@link #MAX_RANGE_SNAPSHOTS} allows. A compacted asset has a few; one never
     * compacted (compaction off, or failing) gathers one per append and two per upsert or CDC commit: about a day of
     * appends once a second, half a day of upserts. An idle poll (fromSnapshot is toSnapshot) is not refused.
     */
    public static final int MAX_SEGMENTS_AT_FROM = 100_000;

    private final SegmentFiles files;
    private final List<Column> columns;
    private final List<Column> keyColumns;
    private final int maxChanges;
    private long replayed;

    /**
     * @param columns    the asset's columns, the order of every before and after image
     * @param keyColumns its primary key's columns (empty: none)
     */
    public ChangeFeed(SegmentFiles files, List<Column> columns, List<Column> keyColumns) {
        this(files, columns, keyColumns, MAX_CHANGES);
    }

    ChangeFeed(SegmentFiles files, List<Column> columns, List<Column> keyColumns, int maxChanges) {
        this.files = files;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.maxChanges = maxChanges;
    }

    /**
     * The changes of the range at positions {@code skip} to {@code skip + limit - 1} (fewer at its end).
     *
     * @param range    the snapshots after {@code from} up to {@code to}, oldest first
     * @param atFrom   the segments live at {@code from} (empty when the range starts at the beginning)
     * @param segments the segments the range's snapshots added or removed (every segment of the asset will do)
     * @param replayLeft the most changes this call may replay (its request's share of the bound)
     * @throws InvalidInputException when the range holds more than the bound of changes, or the page needs more
     *                               than {@code replayLeft} changes replayed
     */
    public List<RowChangeEvent> changes(
            List<AssetSnapshot> range,
            List<WebmSegment> atFrom,
            List<WebmSegment> segments,
            long skip,
            int limit,
            long replayLeft)
            throws InvalidInputException {
        replayed = 0;
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
        long dataRows = 0;
        long deleteRows = 0;
        for (AssetSnapshot snapshot : range) {
            if (snapshot.getOperation() == SnapshotOperation.COMPACT) {
                continue;
            }
            replaces |= replacing.contains(snapshot.getId());
            for (WebmSegment segment : addedBy.getOrDefault(snapshot.getId(), List.of())) {
                if (segment.getKind() == SegmentKind.DATA) {
                    dataRows += segment.getRowCount();
                } else {
                    deleteRows += segment.getRowCount();
                }
            }
        }
        // Every data row added in the range is one change (an INSERT or an UPDATE): refused unopened.
        requireBounded(dataRows);
        long fromRows = atFrom.stream()
                .filter(s -> s.getKind() == SegmentKind.DATA)
                .mapToLong(WebmSegment::getRowCount)
                .sum();
        // The most changes the range can hold: its data rows, plus a DELETE per deleted key and per row an
        // overwrite removes (each row the state held at most once). Within the bound: stop after the page.
        long mostChanges = dataRows + deleteRows + (replaces ? fromRows + dataRows : 0);
        if (mostChanges > 0 && replayLeft <= 0) {
            throw requestBoundSpent(replayLeft);
        }
        Emitter emitter = new Emitter(skip, limit, mostChanges > maxChanges, replayLeft);
        boolean whole = replaces;
        Set<Object> touched = new HashSet<>();
        if (keyed && !whole && !atFrom.isEmpty()) {
            for (AssetSnapshot snapshot : range) {
                if (snapshot.getOperation() == SnapshotOperation.COMPACT) {
                    continue;
                }
                for (WebmSegment segment : addedBy.getOrDefault(snapshot.getId(), List.of())) {
                    keysOf(segment, touched);
                }
            }
        }
        // The state before the range: every row when a commit replaces everything, else the touched keys only;
        // none for an asset without a key that nothing replaces (its rows are only ever inserted).
        Map<Object, Object[]> state = new LinkedHashMap<>();
        if (!atFrom.isEmpty() && (whole || !touched.isEmpty())) {
            MergeOnRead read = new MergeOnRead(
                    files, atFrom, keyColumns, keyed ? MergeIndex.build(files, atFrom, keyColumns) : null);
            int[] keyAt = RowKey.positions(keyColumns, columns);
            int[] counter = {0};
            read.scan(columns, List.of(), null, (row, s, g, r) -> {
                Object key = keyed ? RowKey.of(keyColumns, row, keyAt) : (Object) ("#" + counter[0]++);
                if (whole || touched.contains(key)) {
                    state.put(key, row);
                }
                return state.size() <= maxChanges;
            });
            requireBounded(state.size());
        }
        touched.clear();
        boolean keepState = keyed || replaces;
        long[] nextUnkeyed = {Long.MIN_VALUE};
        int[] keyAt = RowKey.positions(keyColumns, columns);
        int[] keyPositions = identity(keyColumns.size());
        for (AssetSnapshot snapshot : range) {
            if (snapshot.getOperation() == SnapshotOperation.COMPACT) {
                continue;
            }
            if (replacing.contains(snapshot.getId())) {
                for (Object[] before : state.values()) {
                    if (!emitter.emit(snapshot, RowChangeEvent.Kind.DELETE, before, null)) {
                        return emitter.kept;
                    }
                }
                state.clear();
            }
            List<WebmSegment> added = addedBy.getOrDefault(snapshot.getId(), List.of());
            for (WebmSegment segment : added) {
                if (segment.getKind() == SegmentKind.DELETES) {
                    boolean more = forEachRow(segment, keyColumns, key -> {
                        Object[] before = state.remove(RowKey.of(keyColumns, key, keyPositions));
                        return before == null || emitter.emit(snapshot, RowChangeEvent.Kind.DELETE, before, null);
                    });
                    if (!more) {
                        return emitter.kept;
                    }
                }
            }
            for (WebmSegment segment : added) {
                if (segment.getKind() == SegmentKind.DATA) {
                    boolean more = forEachRow(segment, columns, row -> {
                        Object key = keyed ? RowKey.of(keyColumns, row, keyAt) : (Object) ("+" + nextUnkeyed[0]++);
                        Object[] before = keepState ? state.put(key, row) : null;
                        return emitter.emit(
                                snapshot,
                                before == null ? RowChangeEvent.Kind.INSERT : RowChangeEvent.Kind.UPDATE,
                                before,
                                row);
                    });
                    if (!more) {
                        return emitter.kept;
                    }
                }
            }
        }
        return emitter.kept;
    }

    /** Counts every change against the bound and keeps those of the page asked for. */
    private final class Emitter {
        private final long skip;
        private final long end;
        private final boolean countAll;
        private final long replayLeft;
        private final List<RowChangeEvent> kept = new ArrayList<>();
        private long produced;

        Emitter(long skip, int limit, boolean countAll, long replayLeft) {
            this.skip = skip;
            // A cursor's offset comes from the client: saturate rather than wrap around.
            this.end = skip > Long.MAX_VALUE - limit ? Long.MAX_VALUE : skip + limit;
            this.countAll = countAll;
            this.replayLeft = replayLeft;
        }

        /** @return whether the replay must go on (to reach the page, or to count a range that may be too wide) */
        boolean emit(AssetSnapshot snapshot, RowChangeEvent.Kind kind, Object[] before, Object[] after)
                throws InvalidInputException {
            long index = produced++;
            replayed = produced;
            requireBounded(produced);
            if (produced > replayLeft) {
                throw requestBoundSpent(replayLeft);
            }
            if (index >= skip && index < end) {
                kept.add(new RowChangeEvent(snapshot.getId(), snapshot.getSequenceNumber(), kind, before, after));
            }
            return countAll || produced < end;
        }
    }

    /** How many changes the last {@link #changes} call replayed (counted against the bound), also when it failed. */
    public long replayed() {
        return replayed;
    }

    private InvalidInputException requestBoundSpent(long replayLeft) {
        return new InvalidInputException("changes: one request replays at most " + maxChanges + " changes in all and "
                + Math.max(0, replayLeft) + " are left (each page replays its range from the start up to its own end);"
                + " ask for fewer changes fields (aliases) in one request, or read a narrower range (a later"
                + " fromSnapshot)");
    }

    /**
     * Refuses a range of more than the bound of changes; also asked before the range is loaded, with the data rows
     * its commits added (each one a change) summed by the catalog.
     */
    void requireBounded(long size) throws InvalidInputException {
        if (size > maxChanges) {
            throw new InvalidInputException("the range holds more than " + maxChanges
                    + " changes; read it in narrower ranges (fromSnapshot, toSnapshot)");
        }
    }

    private static int[] identity(int n) {
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return positions;
    }

    /** Adds the keys a segment holds, counted against the bound (they are read back at {@code from}). */
    private void keysOf(WebmSegment segment, Set<Object> into) throws InvalidInputException {
        int[] positions = identity(keyColumns.size());
        forEachRow(segment, keyColumns, key -> {
            into.add(RowKey.of(keyColumns, key, positions));
            if (into.size() > maxChanges) {
                // Keys a delete names need not exist, so this counts keys held, not changes.
                throw new InvalidInputException("the range touches more than " + maxChanges
                        + " keys; read it in narrower ranges (fromSnapshot, toSnapshot)");
            }
            return true;
        });
    }

    @FunctionalInterface
    private interface RowSink {
        /** @return whether to go on */
        boolean accept(Object[] row) throws InvalidInputException;
    }

    /**
     * Every stored row of one segment, projected to {@code output} (nulls for columns it lacks), one row group
     * decoded at a time; false when the sink stopped.
     */
    private boolean forEachRow(WebmSegment segment, List<Column> output, RowSink sink) throws InvalidInputException {
        List<String> names = output.stream().map(Column::name).toList();
        try (SegmentRowGroups groups = SegmentRowGroups.open(files.resolve(segment.getPath()))) {
            for (int g = 0; g < groups.groupCount(); g++) {
                Object[][] values = groups.decode(g, names);
                for (int r = 0; r < groups.rows(g); r++) {
                    Object[] row = new Object[names.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = values[c][r];
                    }
                    if (!sink.accept(row)) {
                        return false;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
        }
        return true;
    }
}
