package coop.cpc.lakehouse.application.ingest.internal;

import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.application.table.internal.IntegerColumnRange;
import coop.cpc.lakehouse.application.table.internal.RowKey;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A keyed asset's staged files of one run, in staging order, cut into consecutive groups in which no key is
 * staged twice. The run commits each group as its own snapshot, so a key a later chunk repeats gets a newer
 * data sequence and its later row is the current one, as an upsert's would be (within one data sequence a
 * key must appear once: docs/tables.md, "Sequence"). Each file holds a key once (staging keeps the last row
 * of a key of its chunk); a file it reads that holds a key twice (staged by an earlier version) is refused.
 *
 * <p>Files whose key ranges in the catalog's statistics (an integer key column's min and max) do not overlap
 * need no reading: a source read in key order stays one group. Otherwise each file's key columns are read, one
 * file at a time, and checked against a {@link KeyFilter} of the group's keys (bounded memory; a false
 * "maybe" only starts a group early).
 */
final class KeyedCommitGroups {

    private final List<Column> keyColumns;
    private final Function<String, Path> resolve;
    private final int[] positions;
    /** The integer key column whose statistics may tell files apart, or null. */
    private final Column ranged;

    private KeyedCommitGroups(List<Column> keyColumns, Function<String, Path> resolve) {
        this.keyColumns = List.copyOf(keyColumns);
        this.resolve = resolve;
        this.positions = new int[keyColumns.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k;
        }
        this.ranged = keyColumns.stream()
                .filter(KeyedCommitGroups::isInteger)
                .findFirst()
                .orElse(null);
    }

    /**
     * @param files      one asset's staged files, in the order they were staged
     * @param keyColumns the asset's primary key columns (not empty)
     * @param resolve    the file of a staged path
     */
    static List<List<StagedSegmentFile>> of(
            List<StagedSegmentFile> files, List<Column> keyColumns, Function<String, Path> resolve)
            throws IOException, SchemaMismatchException {
        return new KeyedCommitGroups(keyColumns, resolve).split(files);
    }

    private List<List<StagedSegmentFile>> split(List<StagedSegmentFile> files)
            throws IOException, SchemaMismatchException {
        List<List<StagedSegmentFile>> groups = new ArrayList<>();
        List<StagedSegmentFile> group = new ArrayList<>();
        // The group's key range while every file of it had one and none was read; then the filter of its keys.
        long[] range = null;
        KeyFilter filter = null;
        for (StagedSegmentFile file : files) {
            long[] own = range(file);
            if (group.isEmpty()) {
                group.add(file);
                range = own;
                continue;
            }
            if (filter == null && range != null && own != null && (own[1] < range[0] || own[0] > range[1])) {
                group.add(file);
                range = new long[] {Math.min(range[0], own[0]), Math.max(range[1], own[1])};
                continue;
            }
            if (filter == null) {
                filter = KeyFilter.forKeys(
                        files.stream().mapToLong(StagedSegmentFile::getRowCount).sum());
                for (StagedSegmentFile earlier : group) {
                    keys(earlier).forEach(filter::add);
                }
            }
            List<Object> keys = keys(file);
            if (keys.stream().anyMatch(filter::mightContain)) {
                groups.add(group);
                group = new ArrayList<>();
                filter.clear();
            }
            keys.forEach(filter::add);
            group.add(file);
        }
        groups.add(group);
        return groups;
    }

    /**
     * The staged file's keys, in their canonical form.
     *
     * @throws SchemaMismatchException when the file holds a key twice: it was not staged under this key (a server
     *                                 before staging kept one row per key), and both rows would be current
     */
    private List<Object> keys(StagedSegmentFile file) throws IOException, SchemaMismatchException {
        List<Object[]> rows = SegmentScan.rows(resolve.apply(file.getPath()), keyColumns, List.of());
        List<Object> keys = new ArrayList<>(rows.size());
        Set<Object> seen = new HashSet<>();
        for (Object[] row : rows) {
            Object key = RowKey.of(keyColumns, row, positions);
            if (!seen.add(key)) {
                // The key's value is not named: it may be personal data.
                throw new SchemaMismatchException("staged segment " + file.getPath() + " holds a primary key ("
                        + keyColumns.stream().map(Column::name).collect(Collectors.joining(", "))
                        + ") twice: it was not staged under this key; start the job anew to stage its rows again");
            }
            keys.add(key);
        }
        return keys;
    }

    /** [min, max] of the integer key column in the file's statistics, or null when they do not say. */
    private long[] range(StagedSegmentFile file) {
        return ranged == null ? null : IntegerColumnRange.of(file.getColumnStatistics(), ranged.name());
    }

    private static boolean isInteger(Column column) {
        ColumnType.Kind kind = column.type().kind();
        return kind == ColumnType.Kind.INT32 || kind == ColumnType.Kind.INT64;
    }
}
