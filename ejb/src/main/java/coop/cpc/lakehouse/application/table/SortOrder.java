package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An asset's sort (cluster) order: the columns by which the rows of each segment an append or a
 * compaction writes are sorted, nulls first, so that each row group holds a narrow range and few
 * distinct values of them and its statistics (min/max, value sets) skip it for reads that ask for
 * other values. A sorted segment is cut into several row groups ({@link #rowGroupRows}) so that
 * there is something to skip inside one segment too. Rows are only reordered within a segment:
 * which rows a segment holds, and merge-on-read across segments, do not change.
 */
public final class SortOrder {
    /** Columns of one sort order at most (the catalog's check agrees). */
    public static final int MAX_COLUMNS = 4;
    /** Row groups a sorted segment is cut into, when it has rows enough. */
    static final int TARGET_ROW_GROUPS = 16;
    /** Rows of a sorted segment's row group at least: smaller frames cost more than they prune. */
    static final int MIN_ROW_GROUP_ROWS = 1_024;
    /** Rows of a row group at most (the format's default size). */
    static final int MAX_ROW_GROUP_ROWS = 65_536;

    private static final SortOrder NONE = new SortOrder(List.of(), new int[0], new ColumnType[0]);

    private final List<String> columns;
    private final int[] positions;
    private final ColumnType[] types;

    private SortOrder(List<String> columns, int[] positions, ColumnType[] types) {
        this.columns = columns;
        this.positions = positions;
        this.types = types;
    }

    /** No order: rows are written as they arrive. */
    public static SortOrder none() {
        return NONE;
    }

    /**
     * The order by the named columns of the schema; columns the schema lacks are left out (a
     * delete segment's schema holds the key only).
     */
    public static SortOrder of(Schema schema, List<String> names) {
        if (names == null || names.isEmpty()) {
            return NONE;
        }
        List<String> kept = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<ColumnType> typeList = new ArrayList<>();
        for (String name : names) {
            for (int c = 0; c < schema.size(); c++) {
                Column column = schema.column(c);
                if (column.name().equals(name) && !kept.contains(name)) {
                    kept.add(name);
                    at.add(c);
                    typeList.add(column.type());
                }
            }
        }
        if (kept.isEmpty()) {
            return NONE;
        }
        return new SortOrder(
                List.copyOf(kept),
                at.stream().mapToInt(Integer::intValue).toArray(),
                typeList.toArray(ColumnType[]::new));
    }

    public boolean isNone() {
        return columns.isEmpty();
    }

    public List<String> columns() {
        return columns;
    }

    /** The rows in this order (a stable sort, so equal rows keep their arrival order); the list given is left as it is. */
    public List<Object[]> sort(List<Object[]> rows) {
        if (isNone()) {
            return rows;
        }
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort(comparator());
        return sorted;
    }

    /** Rows of each row group of a segment of {@code rows} rows written in this order. */
    public int rowGroupRows(long rows) {
        if (isNone()) {
            return MAX_ROW_GROUP_ROWS;
        }
        long perGroup = (rows + TARGET_ROW_GROUPS - 1) / TARGET_ROW_GROUPS;
        return (int) Math.max(MIN_ROW_GROUP_ROWS, Math.min(MAX_ROW_GROUP_ROWS, perGroup));
    }

    private Comparator<Object[]> comparator() {
        return (a, b) -> {
            for (int k = 0; k < positions.length; k++) {
                Object x = a[positions[k]];
                Object y = b[positions[k]];
                if (x == y) {
                    continue;
                }
                if (x == null) {
                    return -1;
                }
                if (y == null) {
                    return 1;
                }
                int c = Values.compare(types[k], x, y);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    public String toString() {
        return isNone() ? "none" : String.join(", ", columns);
    }
}
