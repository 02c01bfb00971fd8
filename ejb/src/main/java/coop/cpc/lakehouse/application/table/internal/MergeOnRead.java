package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.ResponseSize;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Reads the current rows of one snapshot: the data segments in order, row group by row group from a
 * cursor's (segment, row group, row) address, skipping row groups whose min/max exclude a condition,
 * and keeping a row only when the {@link MergeIndex} says its version is current (assets with a primary
 * key; assets without one have no index and every stored row is current).
 */
public final class MergeOnRead {
    private final SegmentFiles files;
    private final List<WebmSegment> live;
    private final List<Column> keyColumns;
    private final MergeIndex index;
    private final LongConsumer segmentOpened;
    private final Executor decoder;
    private final RowGroupCache cache;

    /**
     * @param keyColumns the primary key's columns (empty: no merge)
     * @param index      the snapshot's index, or null for an asset without a primary key
     */
    public MergeOnRead(SegmentFiles files, List<WebmSegment> live, List<Column> keyColumns, MergeIndex index) {
        this(files, live, keyColumns, index, bytes -> {});
    }

    /** @param segmentOpened told the byte size of each data segment a scan opens (for the read metrics) */
    public MergeOnRead(
            SegmentFiles files,
            List<WebmSegment> live,
            List<Column> keyColumns,
            MergeIndex index,
            LongConsumer segmentOpened) {
        this(files, live, keyColumns, index, segmentOpened, null);
    }

    /**
     * @param decoder runs the decoding of a scan's columns, one task per column, and of the next row group
     *                while the caller works on the current one; null decodes in the caller's thread. A
     *                track's frames are never decoded concurrently (each track has one decoder).
     */
    public MergeOnRead(
            SegmentFiles files,
            List<WebmSegment> live,
            List<Column> keyColumns,
            MergeIndex index,
            LongConsumer segmentOpened,
            Executor decoder) {
        this(files, live, keyColumns, index, segmentOpened, decoder, null);
    }

    private MergeOnRead(
            SegmentFiles files,
            List<WebmSegment> live,
            List<Column> keyColumns,
            MergeIndex index,
            LongConsumer segmentOpened,
            Executor decoder,
            RowGroupCache cache) {
        this.cache = cache;
        this.decoder = decoder;
        this.files = files;
        this.live = List.copyOf(live);
        this.keyColumns = List.copyOf(keyColumns);
        this.index = index;
        this.segmentOpened = segmentOpened;
    }

    /** The same reader taking segment headers and decoded columns from {@code cache} (the rows query's). */
    public MergeOnRead cached(RowGroupCache cache) {
        return new MergeOnRead(files, live, keyColumns, index, segmentOpened, decoder, cache);
    }

    /** Visits every current row from {@code from} on (null: the beginning) until the visitor says stop. */
    public void scan(List<Column> output, List<SegmentScan.Condition> conditions, RowCursor from, Visitor visitor) {
        scan(output, conditions, from, Long.MAX_VALUE, rows -> {}, visitor);
    }

    /**
     * As {@link #scan(List, List, RowCursor, Visitor)}, decoding at most about {@code scanLeft} stored rows: the
     * scan stops at the end of the row group that reaches it (the first row group is always scanned, so a
     * resumed scan always progresses), before decoding the next one.
     *
     * @param decoded told the rows of each row group decoded (whole row groups: what they cost)
     * @return where the scan stopped for the budget: the next row group to scan, as (segment, row group);
     *     null when the visitor stopped it or no data segment is left
     */
    public NextRowGroup scan(
            List<Column> output,
            List<SegmentScan.Condition> conditions,
            RowCursor from,
            long scanLeft,
            LongConsumer decoded,
            Visitor visitor) {
        long scanned = 0;
        List<String> needed = new ArrayList<>();
        output.forEach(c -> addOnce(needed, c.name()));
        conditions.forEach(c -> addOnce(needed, c.column().name()));
        boolean merge = index != null && !index.empty();
        if (merge) {
            keyColumns.forEach(c -> addOnce(needed, c.name()));
        }
        int[] outputAt = output.stream().mapToInt(c -> needed.indexOf(c.name())).toArray();
        int[] conditionAt = conditions.stream()
                .mapToInt(c -> needed.indexOf(c.column().name()))
                .toArray();
        int[] keyAt =
                keyColumns.stream().mapToInt(c -> needed.indexOf(c.name())).toArray();
        Object[] keyRow = new Object[needed.size()];
        boolean longKey = merge && index.longKeys();
        for (int s = from == null ? 0 : from.segment(); s < live.size(); s++) {
            WebmSegment segment = live.get(s);
            if (segment.getKind() == SegmentKind.DELETES) {
                continue;
            }
            boolean first = from != null && s == from.segment();
            segmentOpened.accept(segment.getByteSize());
            try (SegmentRowGroups groups = SegmentRowGroups.open(files.resolve(segment.getPath()), cache);
                    DecodeAhead ahead = new DecodeAhead(groups, needed, decoder)) {
                int g = nextKept(groups, first ? from.rowGroup() : 0, conditions);
                ahead.start(g);
                while (g < groups.groupCount()) {
                    Object[][] columns = ahead.take();
                    int group = g;
                    int rows = groups.rows(group);
                    scanned += rows;
                    decoded.accept(rows);
                    boolean spent = scanned >= scanLeft;
                    g = nextKept(groups, g + 1, conditions);
                    if (!spent) {
                        ahead.start(g);
                    }
                    int start = first && group == from.rowGroup() ? from.row() : 0;
                    for (int r = start; r < rows; r++) {
                        if (!matches(conditions, conditionAt, columns, r)) {
                            continue;
                        }
                        if (merge && index.mayHide(segment.getDataSequence())) {
                            if (longKey) {
                                if (!index.current(
                                        ((Number) columns[keyAt[0]][r]).longValue(), segment.getDataSequence())) {
                                    continue;
                                }
                            } else {
                                for (int k : keyAt) {
                                    keyRow[k] = columns[k][r];
                                }
                                if (!index.current(RowKey.of(keyColumns, keyRow, keyAt), segment.getDataSequence())) {
                                    continue;
                                }
                            }
                        }
                        Object[] row = new Object[outputAt.length];
                        for (int c = 0; c < row.length; c++) {
                            row[c] = columns[outputAt[c]][r];
                        }
                        if (!visitor.visit(row, s, group, r)) {
                            return null;
                        }
                    }
                    if (spent) {
                        return g < groups.groupCount() ? new NextRowGroup(s, g) : nextDataSegment(s);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
            }
        }
        return null;
    }

    /** The first row group of the first data segment after {@code s}, or null when none is left. */
    private NextRowGroup nextDataSegment(int s) {
        for (int next = s + 1; next < live.size(); next++) {
            if (live.get(next).getKind() != SegmentKind.DELETES) {
                return new NextRowGroup(next, 0);
            }
        }
        return null;
    }

    /**
     * Visits every current row, a row group at a time (compaction's path): the output columns' values of the
     * row group and the positions of its current rows, decided from the key column alone, so that no row is
     * built and the other columns are only gathered by position. The snapshot's index comes from {@code index},
     * asked for only once the first row group is decoding (the caller may still be building it, e.g. on the
     * decoder's executor; null: no primary key); the constructor's index is not used. The last row group of a
     * segment is merged while the next segment's first one decodes, so the decoder does not wait at segment
     * boundaries.
     */
    public void scanGroups(List<Column> output, Supplier<MergeIndex> index, GroupVisitor visitor) {
        List<String> needed = new ArrayList<>();
        output.forEach(c -> addOnce(needed, c.name()));
        // The key columns are decoded before the index is known, in case it has changes to merge.
        keyColumns.forEach(c -> addOnce(needed, c.name()));
        int[] keyAt =
                keyColumns.stream().mapToInt(c -> needed.indexOf(c.name())).toArray();
        Object[] keyRow = new Object[needed.size()];
        List<WebmSegment> data =
                live.stream().filter(g -> g.getKind() != SegmentKind.DELETES).toList();
        int[] positions = new int[0];
        MergeIndex merging = null;
        boolean indexKnown = false;
        Open next = null;
        try {
            for (int s = 0; s < data.size(); s++) {
                WebmSegment segment = data.get(s);
                Open current = next != null ? next : Open.start(this, segment, needed);
                next = null;
                try (current) {
                    if (!indexKnown) {
                        merging = index.get();
                        indexKnown = true;
                    }
                    boolean merge = merging != null && !merging.empty();
                    boolean longKey = merge && merging.longKeys();
                    SegmentRowGroups groups = current.groups();
                    boolean[] normalized = ownValues(groups, output);
                    long sequence = segment.getDataSequence();
                    boolean check = merge && merging.mayHide(sequence);
                    for (int g = 0; g < groups.groupCount(); g++) {
                        Object[][] columns = current.ahead().take();
                        if (g + 1 < groups.groupCount()) {
                            current.ahead().start(g + 1);
                        } else if (s + 1 < data.size()) {
                            next = Open.start(this, data.get(s + 1), needed);
                        }
                        int rows = groups.rows(g);
                        if (positions.length < rows) {
                            positions = new int[rows];
                        }
                        int count = 0;
                        if (!check) {
                            for (int r = 0; r < rows; r++) {
                                positions[r] = r;
                            }
                            count = rows;
                        } else if (longKey) {
                            Object[] keys = columns[keyAt[0]];
                            for (int r = 0; r < rows; r++) {
                                if (merging.current(((Number) keys[r]).longValue(), sequence)) {
                                    positions[count++] = r;
                                }
                            }
                        } else {
                            for (int r = 0; r < rows; r++) {
                                for (int k : keyAt) {
                                    keyRow[k] = columns[k][r];
                                }
                                if (merging.current(RowKey.of(keyColumns, keyRow, keyAt), sequence)) {
                                    positions[count++] = r;
                                }
                            }
                        }
                        if (count > 0) {
                            // The output columns come first in needed, in output order.
                            visitor.visit(Arrays.copyOf(columns, output.size()), positions, count, normalized);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
                }
            }
        } finally {
            if (next != null) {
                next.close();
            }
        }
    }

    /** A data segment open for {@link #scanGroups}, its first row group decoding. */
    private record Open(WebmSegment segment, SegmentRowGroups groups, DecodeAhead ahead) implements AutoCloseable {

        static Open start(MergeOnRead read, WebmSegment segment, List<String> names) {
            read.segmentOpened.accept(segment.getByteSize());
            SegmentRowGroups groups = null;
            try {
                groups = SegmentRowGroups.open(read.files.resolve(segment.getPath()), read.cache);
                DecodeAhead ahead = new DecodeAhead(groups, names, read.decoder);
                ahead.start(0);
                return new Open(segment, groups, ahead);
            } catch (IOException | RuntimeException e) {
                if (groups != null) {
                    try {
                        groups.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("Cannot read segment " + segment.getPath(), io);
                }
                throw (RuntimeException) e;
            }
        }

        /** Waits for a decode still running, then closes the file. */
        @Override
        public void close() {
            ahead.close();
            try {
                groups.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close segment " + segment.getPath(), e);
            }
        }
    }

    /**
     * Per output column, whether the segment's values are already in the output's normal form: the segment
     * stored the same column (name, type and nullability), or lacks it and the output column takes nulls.
     */
    private static boolean[] ownValues(SegmentRowGroups groups, List<Column> output) {
        boolean[] own = new boolean[output.size()];
        for (int c = 0; c < own.length; c++) {
            Column column = output.get(c);
            int ordinal = groups.ordinal(column.name());
            own[c] = ordinal < 0
                    ? column.nullable()
                    : groups.schema().column(ordinal).equals(column);
        }
        return own;
    }

    /**
     * One page: at most {@code first} rows within {@code budget} bytes, and the address of the next row if there
     * is one, decoding at most about {@code scanLeft} stored rows (see
     * {@link #scan(List, List, RowCursor, long, LongConsumer, Visitor)}): a scan that reaches it first returns the
     * rows found so far, and the next page's address is then the next row group to scan (row 0).
     *
     * @param decoded told the rows of each row group decoded
     */
    public RowPage page(
            List<Column> output,
            List<SegmentScan.Condition> conditions,
            RowCursor after,
            UUID snapshotId,
            int first,
            long budget,
            long scanLeft,
            LongConsumer decoded)
            throws ResponseTooLargeException {
        List<Object[]> rows = new ArrayList<>();
        long[] bytes = {0};
        RowCursor[] next = {null};
        ResponseTooLargeException[] tooLarge = {null};
        NextRowGroup stopped = scan(output, conditions, after, scanLeft, decoded, (row, s, g, r) -> {
            if (rows.size() == first) {
                next[0] = new RowCursor(snapshotId, s, g, r);
                return false;
            }
            bytes[0] += ResponseSize.ofRow(output, row);
            if (bytes[0] > budget) {
                tooLarge[0] =
                        new ResponseTooLargeException("rows: the page would exceed the response limit of " + budget
                                + " bytes after " + rows.size() + " rows; page with a smaller first (at most "
                                + Math.max(1, rows.size()) + " rows of these columns) or ask for fewer columns");
                return false;
            }
            rows.add(row);
            return true;
        });
        if (tooLarge[0] != null) {
            throw tooLarge[0];
        }
        if (stopped != null) {
            next[0] = new RowCursor(snapshotId, stopped.segment(), stopped.rowGroup(), 0);
        }
        return new RowPage(output, rows, snapshotId, next[0], bytes[0]);
    }

    /** The first row group from {@code g} on whose statistics do not exclude the conditions (the count if none). */
    private static int nextKept(SegmentRowGroups groups, int g, List<SegmentScan.Condition> conditions) {
        while (g < groups.groupCount() && !groups.keeps(g, conditions)) {
            g++;
        }
        return g;
    }

    private static boolean matches(List<SegmentScan.Condition> conditions, int[] at, Object[][] columns, int r) {
        for (int i = 0; i < at.length; i++) {
            if (!conditions.get(i).test(columns[at[i]][r])) {
                return false;
            }
        }
        return true;
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    /**
     * Receives a row group's current rows: {@code positions[0 .. count)} index every column of {@code columns}
     * (both valid only during the call); {@code normalized} as {@code SegmentFiles.Appender#addColumns} takes it.
     */
    @FunctionalInterface
    public interface GroupVisitor {
        void visit(Object[][] columns, int[] positions, int count, boolean[] normalized);
    }

    /** The row group a scan stopped by its budget resumes at: a live segment's index and a row group in it. */
    public record NextRowGroup(int segment, int rowGroup) {}

    /** Receives rows in order; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(Object[] row, int segment, int rowGroup, int rowInGroup);
    }
}
