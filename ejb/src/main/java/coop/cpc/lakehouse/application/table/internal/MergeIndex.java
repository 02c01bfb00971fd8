package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which versions of a key are current at one snapshot. Built from the key columns of the "change"
 * segments only: every delete segment and every data segment newer than the oldest (base) data
 * sequence. A row of data sequence {@code s} is current unless a data row or a delete of its key has a
 * higher data sequence. Within one data sequence a key appears once (a commit keeps the last change
 * of each key; compaction writes each key once), so the base rows need no index of their own.
 */
public final class MergeIndex {
    /** The most keys an index holds: past it, reads refuse and ask for a compaction. */
    public static final int MAX_KEYS = 8_388_608;

    /**
     * The heap one entry of a key-to-sequence map takes besides its key's characters: the map's node and
     * table slot, the boxed sequence, the key's String and its byte array.
     */
    static final int ENTRY_BYTES = 104;

    private final Map<Object, Long> newestData;
    private final Map<Object, Long> newestDelete;
    /** Instead of the two maps for a single integer key column (the common key), else null. */
    private final LongKeyVersions longKeys;

    private final long baseSequence;
    /** The highest data sequence of any change (Long.MIN_VALUE: none): no row at or above it is hidden. */
    private final long newestChange;

    /** The characters of the maps' keys together (each key counted once per map). */
    private final long keyChars;

    private MergeIndex(
            Map<Object, Long> newestData,
            Map<Object, Long> newestDelete,
            LongKeyVersions longKeys,
            long baseSequence,
            long newestChange,
            long keyChars) {
        this.newestChange = newestChange;
        this.newestData = newestData;
        this.newestDelete = newestDelete;
        this.longKeys = longKeys;
        this.baseSequence = baseSequence;
        this.keyChars = keyChars;
    }

    /** Segments that are not base segments: deletes, and data newer than the oldest data sequence. */
    public static List<WebmSegment> changeSegments(List<WebmSegment> live) {
        long base = baseSequence(live);
        return live.stream()
                .filter(g -> g.getKind() == SegmentKind.DELETES || g.getDataSequence() > base)
                .toList();
    }

    static long baseSequence(List<WebmSegment> live) {
        return live.stream()
                .filter(g -> g.getKind() != SegmentKind.DELETES)
                .mapToLong(WebmSegment::getDataSequence)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * @param live       the live segments of the snapshot
     * @param keyColumns the asset's primary key columns
     */
    public static MergeIndex build(SegmentFiles files, List<WebmSegment> live, List<Column> keyColumns) {
        Map<Object, Long> data = new HashMap<>();
        Map<Object, Long> deletes = new HashMap<>();
        List<WebmSegment> changes = changeSegments(live);
        LongKeyVersions longs = RowKey.isSingleInteger(keyColumns)
                ? new LongKeyVersions(
                        changes.stream().mapToLong(WebmSegment::getRowCount).sum())
                : null;
        long newestChange = Long.MIN_VALUE;
        List<String> names = keyColumns.stream().map(Column::name).toList();
        int[] positions = new int[names.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k;
        }
        long keyChars = 0;
        for (WebmSegment segment : changes) {
            Map<Object, Long> target = segment.getKind() == SegmentKind.DELETES ? deletes : data;
            try (SegmentRowGroups groups = SegmentRowGroups.open(files.resolve(segment.getPath()))) {
                for (int g = 0; g < groups.groupCount(); g++) {
                    Object[][] keys = groups.decode(g, names);
                    if (groups.rows(g) > 0) {
                        newestChange = Math.max(newestChange, segment.getDataSequence());
                    }
                    Object[] row = new Object[names.size()];
                    for (int r = 0; r < groups.rows(g); r++) {
                        if (longs != null) {
                            longs.put(((Number) keys[0][r]).longValue(), segment.getDataSequence());
                            if (longs.size() > MAX_KEYS) {
                                throw new MergeTooLargeException(MAX_KEYS);
                            }
                            continue;
                        }
                        for (int k = 0; k < row.length; k++) {
                            row[k] = keys[k][r];
                        }
                        Object key = RowKey.of(keyColumns, row, positions);
                        int before = target.size();
                        target.merge(key, segment.getDataSequence(), Math::max);
                        if (target.size() > before) {
                            keyChars += key instanceof String text ? text.length() : 8;
                        }
                        if (data.size() + deletes.size() > MAX_KEYS) {
                            throw new MergeTooLargeException(MAX_KEYS);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
            }
        }
        return new MergeIndex(data, deletes, longs, baseSequence(live), newestChange, keyChars);
    }

    /** Whether the version of {@code key} with data sequence {@code sequence} is the current one. */
    public boolean current(Object key, long sequence) {
        if (longKeys != null) {
            return longKeys.current(((Number) key).longValue(), sequence);
        }
        Long data = newestData.get(key);
        if (data != null && data > sequence) {
            return false;
        }
        Long deleted = newestDelete.get(key);
        return deleted == null || deleted <= sequence;
    }

    /** The same for a single integer key column's value (see {@link #longKeys()}), without boxing it. */
    public boolean current(long key, long sequence) {
        return longKeys != null ? longKeys.current(key, sequence) : current(Long.valueOf(key), sequence);
    }

    /** Whether the key is one integer column, so that {@link #current(long, long)} is the cheap lookup. */
    public boolean longKeys() {
        return longKeys != null;
    }

    /** Whether a key with no version newer than the base could be hidden at all: false lets a reader skip the lookup. */
    public boolean empty() {
        return longKeys != null ? longKeys.size() == 0 : newestData.isEmpty() && newestDelete.isEmpty();
    }

    public long baseSequence() {
        return baseSequence;
    }

    /**
     * Whether a row of data sequence {@code sequence} may be hidden, so that a reader must look its key up: only
     * from the base sequence on (older rows are hidden by nothing the index holds) and below the newest change
     * (a change hides only older versions).
     */
    public boolean mayHide(long sequence) {
        return sequence >= baseSequence && sequence < newestChange;
    }

    public int size() {
        return longKeys != null ? longKeys.size() : newestData.size() + newestDelete.size();
    }

    /** The heap the index takes, estimated (two bytes per key character: keys need not be Latin-1). */
    public long estimatedBytes() {
        return longKeys != null
                ? longKeys.estimatedBytes()
                : (long) (newestData.size() + newestDelete.size()) * ENTRY_BYTES + 2 * keyChars;
    }

    /**
     * Thrown when a snapshot has more changed keys than a read may index. A compaction builds the same index, so it
     * fails too (compaction in key partitions is not built): only an OVERWRITE makes the asset readable again.
     */
    public static final class MergeTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MergeTooLargeException(int max) {
            super("the asset has more than " + max + " changed keys since its last compaction, more than a read or"
                    + " a compaction can index: replace its rows with an OVERWRITE (a compaction fails the same way),"
                    + " and keep its changes between compactions below that (a lower compaction_change_segments"
                    + " compacts sooner)");
        }
    }
}
