package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        int n = rows.size();
        // Each sort column's values become dense ranks first, so that rows are ordered by ints: comparing
        // strings as UTF-8 per comparison (Values.compare) cost more than the rest of the sort.
        int[][] ranks = new int[positions.length][];
        int[] distinct = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            ranks[k] = new int[n];
            distinct[k] = rank(rows, positions[k], types[k], ranks[k]);
        }
        int[] order = ranks.length == 1 ? countingOrder(ranks[0], distinct[0]) : mergedOrder(ranks);
        List<Object[]> sorted = new ArrayList<>(n);
        for (int i : order) {
            sorted.add(rows.get(i));
        }
        return sorted;
    }

    /**
     * Writes each row's rank of the column into {@code ranks}: 0 for null, then 1, 2, ... in the column's
     * order, equal values sharing a rank. Returns the number of ranks used.
     */
    private static int rank(List<Object[]> rows, int position, ColumnType type, int[] ranks) {
        // Equal values are found by hashing (String, Long, Instant, LocalDate ... are equal when they compare
        // equal); only the distinct values are sorted. Decimals and bytes are compared as the format orders
        // them, not by equals, so they are sorted whole.
        boolean hashable =
                type.kind() != ColumnType.Kind.DECIMAL && type.kind() != ColumnType.Kind.BYTES && !type.isFloating();
        if (!hashable) {
            return rankBySorting(rows, position, type, ranks);
        }
        Map<Object, Integer> codes = new HashMap<>();
        List<Object> values = new ArrayList<>();
        int[] code = new int[rows.size()];
        for (int i = 0; i < code.length; i++) {
            Object value = rows.get(i)[position];
            if (value == null) {
                code[i] = -1;
                continue;
            }
            Integer c = codes.putIfAbsent(value, values.size());
            if (c == null) {
                c = values.size();
                values.add(value);
            }
            code[i] = c;
        }
        Integer[] byValue = new Integer[values.size()];
        for (int c = 0; c < byValue.length; c++) {
            byValue[c] = c;
        }
        Object[] keys = sortKeys(values, type);
        Arrays.sort(byValue, (a, b) -> compareKeys(type, keys[a], keys[b]));
        int[] rankOfCode = new int[byValue.length];
        for (int r = 0; r < byValue.length; r++) {
            rankOfCode[byValue[r]] = r + 1;
        }
        for (int i = 0; i < code.length; i++) {
            ranks[i] = code[i] < 0 ? 0 : rankOfCode[code[i]];
        }
        return byValue.length + 1;
    }

    /** Ranks of a column whose equal values need not be equal objects: all rows sorted by it once. */
    private static int rankBySorting(List<Object[]> rows, int position, ColumnType type, int[] ranks) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            values.add(row[position]);
        }
        Object[] keys = sortKeys(values, type);
        Integer[] byValue = new Integer[rows.size()];
        for (int i = 0; i < byValue.length; i++) {
            byValue[i] = i;
        }
        Arrays.sort(byValue, (a, b) -> compareNullsFirst(type, keys[a], keys[b]));
        int rank = 0;
        Object previous = null;
        for (int r = 0; r < byValue.length; r++) {
            Object key = keys[byValue[r]];
            if (key != null && (r == 0 || previous == null || compareKeys(type, previous, key) != 0)) {
                rank++;
            }
            ranks[byValue[r]] = key == null ? 0 : rank;
            previous = key;
        }
        return rank + 1;
    }

    /** Strings compared as their UTF-8 bytes (the format's order) are turned into those bytes once. */
    private static Object[] sortKeys(List<Object> values, ColumnType type) {
        Object[] keys = values.toArray();
        if (type.kind() == ColumnType.Kind.STRING) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    keys[i] = ((String) keys[i]).getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return keys;
    }

    private static int compareKeys(ColumnType type, Object a, Object b) {
        return type.kind() == ColumnType.Kind.STRING
                ? Arrays.compareUnsigned((byte[]) a, (byte[]) b)
                : Values.compare(type, a, b);
    }

    private static int compareNullsFirst(ColumnType type, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compareKeys(type, a, b);
    }

    /** Row indexes by one column's ranks, a stable counting sort. */
    private static int[] countingOrder(int[] ranks, int distinct) {
        int[] start = new int[distinct + 1];
        for (int r : ranks) {
            start[r + 1]++;
        }
        for (int r = 0; r < distinct; r++) {
            start[r + 1] += start[r];
        }
        int[] order = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            order[start[ranks[i]]++] = i;
        }
        return order;
    }

    /** Row indexes by several columns' ranks, first column first; equal rows keep their arrival order. */
    private static int[] mergedOrder(int[][] ranks) {
        int n = ranks[0].length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            for (int[] column : ranks) {
                int c = Integer.compare(column[a], column[b]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** Rows of each row group of a segment of {@code rows} rows written in this order. */
    public int rowGroupRows(long rows) {
        if (isNone()) {
            return MAX_ROW_GROUP_ROWS;
        }
        long perGroup = (rows + TARGET_ROW_GROUPS - 1) / TARGET_ROW_GROUPS;
        return (int) Math.max(MIN_ROW_GROUP_ROWS, Math.min(MAX_ROW_GROUP_ROWS, perGroup));
    }

    /** Rows of a row group at most: twice {@link #rowGroupRows}, within the format's default size. */
    public int maxRowGroupRows(long rows) {
        return (int) Math.min(MAX_ROW_GROUP_ROWS, 2L * rowGroupRows(rows));
    }

    /**
     * The sizes of the row groups that rows sorted in this order ({@link #sort}) are cut into, in order: a row
     * group ends at the first change of the first sort column's value once it holds {@link #rowGroupRows} rows,
     * and at {@link #maxRowGroupRows} rows at most. Runs of a value thus stay whole where they can, so an
     * equality on it reads the row groups of its run only, and a segment with few distinct values has fewer,
     * larger row groups than fixed cuts would give it (each costs its own frames). A column whose every row
     * differs gets row groups of {@link #rowGroupRows} rows, as fixed cuts would.
     */
    public int[] rowGroupSizes(List<Object[]> sorted) {
        int n = sorted.size();
        if (isNone()) {
            return n == 0 ? new int[0] : splitEvenly(n, rowGroupRows(n));
        }
        int least = rowGroupRows(n);
        int most = maxRowGroupRows(n);
        int position = positions[0];
        ColumnType type = types[0];
        List<Integer> sizes = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size == most
                    || size >= least && !sameValue(type, sorted.get(i - 1)[position], sorted.get(i)[position])) {
                sizes.add(size);
                size = 0;
            }
            size++;
        }
        if (size > 0) {
            sizes.add(size);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] splitEvenly(int n, int groupRows) {
        int[] sizes = new int[(n + groupRows - 1) / groupRows];
        for (int g = 0; g < sizes.length; g++) {
            sizes[g] = Math.min(groupRows, n - g * groupRows);
        }
        return sizes;
    }

    private static boolean sameValue(ColumnType type, Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        // Values not normalized yet may differ in class (an Integer in a 64-bit column): taken as a change.
        return a == b || a.getClass() == b.getClass() && Values.compare(type, a, b) == 0;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : String.join(", ", columns);
    }
}
