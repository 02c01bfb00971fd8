package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The rows of one segment file that match a query's conditions: only the output and condition
 * columns are decoded, and row groups whose min/max statistics exclude a condition are skipped.
 * What the rows query does per segment (and what the ingestion benchmark measures).
 */
public final class SegmentScan {

    private SegmentScan() {}

    /** The matching rows, projected to the output columns (null for a column the segment predates). */
    public static List<Object[]> rows(Path file, List<Column> output, List<Condition> conditions) throws IOException {
        return rows(file, output, conditions, decoded -> {});
    }

    /**
     * {@link #rows(Path, List, List)}, telling {@code decoded} how many stored rows were decoded to find them
     * (every row of the row groups the conditions did not rule out).
     */
    public static List<Object[]> rows(Path file, List<Column> output, List<Condition> conditions, LongConsumer decoded)
            throws IOException {
        return rowsWithin(file, output, conditions, Long.MAX_VALUE, decoded).orElseThrow();
    }

    /**
     * {@link #rows(Path, List, List, LongConsumer)} when the row groups the conditions did not rule out hold at most
     * {@code decodeAtMost} stored rows; else empty, having decoded nothing (a bound checked after pruning, so row
     * groups that cannot match never count against it).
     */
    public static Optional<List<Object[]>> rowsWithin(
            Path file, List<Column> output, List<Condition> conditions, long decodeAtMost, LongConsumer decoded)
            throws IOException {
        try (WebmColumnar.ReadBuilder read = WebmColumnar.read(file)) {
            Schema stored = read.metadata().schema();
            List<String> needed = new ArrayList<>();
            for (Column column : output) {
                addIfStored(needed, stored, column.name());
            }
            for (Condition condition : conditions) {
                addIfStored(needed, stored, condition.column().name());
                if (needed.contains(condition.column().name())) {
                    condition.prune(read);
                }
            }
            List<Object[]> matching = new ArrayList<>();
            if (needed.isEmpty()) {
                return Optional.of(matching);
            }
            long kept = read.rowGroups().stream().mapToLong(RowGroupInfo::rows).sum();
            if (kept > decodeAtMost) {
                return Optional.empty();
            }
            read.project(needed.toArray(String[]::new));
            List<Object[]> decodedRows = read.rows();
            decoded.accept(decodedRows.size());
            for (Object[] values : decodedRows) {
                if (conditions.stream()
                        .allMatch(c -> c.test(value(needed, values, c.column().name())))) {
                    Object[] row = new Object[output.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = value(needed, values, output.get(c).name());
                    }
                    matching.add(row);
                }
            }
            return Optional.of(matching);
        }
    }

    private static void addIfStored(List<String> needed, Schema stored, String name) {
        boolean present = stored.columns().stream().anyMatch(c -> c.name().equals(name));
        if (present && !needed.contains(name)) {
            needed.add(name);
        }
    }

    private static Object value(List<String> needed, Object[] values, String name) {
        int index = needed.indexOf(name);
        return index < 0 ? null : values[index];
    }

    /** The most values one {@code IN} condition takes. */
    public static final int MAX_IN_VALUES = 1_024;

    /** The most conditions one query's {@code where} takes. */
    public static final int MAX_CONDITIONS = 32;

    /** Refuses a {@code where} with more than {@link #MAX_CONDITIONS} conditions, before any is parsed. */
    public static void requireConditionCount(List<RowPredicate> where) throws InvalidInputException {
        if (where != null && where.size() > MAX_CONDITIONS) {
            throw new InvalidInputException(
                    "where takes at most " + MAX_CONDITIONS + " conditions, not " + where.size());
        }
    }

    /**
     * A predicate with its operands parsed to the column's type. An {@code IN} tests a row by one lookup in a
     * hash set of its values, keyed so that equal means what {@link Values#compare} calls equal (decimals by
     * value, 1.5 = 1.50; bytes by content), except that floats compare -0.0 equal to 0.0 as PostgreSQL and IEEE
     * comparison do (NaN equals NaN and is above every number, as {@code compareTo} and PostgreSQL order it).
     * Statistics order the zeros apart (-0.0 below 0.0), so row groups are pruned with a zero operand standing for
     * both.
     */
    /**
     * 0.0 for -0.0 (float or double), else the value itself: conditions compare -0.0 equal to 0, as PostgreSQL
     * does, and keys ({@code RowKey}) follow them.
     */
    public static Object unsignedZero(Object value) {
        if (value instanceof Double d && d == 0) {
            return 0.0d;
        }
        if (value instanceof Float f && f == 0) {
            return 0.0f;
        }
        return value;
    }

    public static final class Condition {
        private final Column column;
        private final RowPredicate.Operator operator;
        private final List<Object> operands;
        /** The operands with a float zero as both -0.0 and 0.0: what row-group statistics are checked against. */
        private final List<Object> statisticsOperands;

        private final Set<Object> members;
        private final Object[] range;

        private Condition(Column column, RowPredicate.Operator operator, List<Object> operands) {
            this.column = column;
            this.operator = operator;
            this.operands = List.copyOf(operands);
            this.statisticsOperands = withBothZeros(this.operands);
            Set<Object> keys = null;
            if (operator == RowPredicate.Operator.IN) {
                keys = new HashSet<>();
                for (Object operand : operands) {
                    keys.add(member(operand));
                }
            }
            this.members = keys;
            this.range = computeRange();
        }

        public Column column() {
            return column;
        }

        public RowPredicate.Operator operator() {
            return operator;
        }

        public List<Object> operands() {
            return operands;
        }

        public static Condition of(Column column, RowPredicate predicate) throws InvalidInputException {
            int expected = switch (predicate.operator()) {
                case IS_NULL -> 0;
                case IN -> -1;
                default -> 1;
            };
            if (expected >= 0 && predicate.values().size() != expected
                    || expected < 0 && predicate.values().isEmpty()) {
                throw new InvalidInputException("condition " + predicate.operator() + " on " + column.name() + " takes "
                        + (expected < 0 ? "one or more values" : expected + " value(s)") + ", not "
                        + predicate.values().size());
            }
            if (predicate.values().size() > MAX_IN_VALUES) {
                throw new InvalidInputException("where: condition IN on " + column.name() + " takes at most "
                        + MAX_IN_VALUES + " values, not " + predicate.values().size());
            }
            List<Object> operands = new ArrayList<>();
            for (String text : predicate.values()) {
                if (text == null) {
                    throw new InvalidInputException("where: condition " + predicate.operator() + " on " + column.name()
                            + " has a null value; use IS_NULL to match nulls");
                }
                try {
                    operands.add(Values.parse(column.type(), text));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("condition on " + column.name() + ": " + e.getMessage());
                }
            }
            return new Condition(column, predicate.operator(), operands);
        }

        /** The hash-set key of a value: equal keys exactly when {@link #compare} says equal. */
        private Object member(Object value) {
            return switch (column.type().kind()) {
                case DECIMAL -> ((BigDecimal) value).stripTrailingZeros();
                case BYTES -> ByteBuffer.wrap((byte[]) value);
                default -> unsignedZero(value);
            };
        }

        private static List<Object> withBothZeros(List<Object> operands) {
            List<Object> out = new ArrayList<>(operands);
            for (Object operand : operands) {
                if (operand instanceof Double d && d == 0) {
                    out.add(-0.0d);
                    out.add(0.0d);
                } else if (operand instanceof Float f && f == 0) {
                    out.add(-0.0f);
                    out.add(0.0f);
                }
            }
            return out.size() == operands.size() ? operands : List.copyOf(out);
        }

        /** The [min, max] (either may be null for open) a row group's statistics must meet, or null when they cannot exclude any. */
        public Object[] range() {
            return range == null ? null : range.clone();
        }

        /** In the statistics' order ({@link Values#compare}), where a zero operand spans [-0.0, 0.0]. */
        private Object[] computeRange() {
            if (statisticsOperands.isEmpty()) {
                return null; // IS_NULL
            }
            Object min = statisticsOperands.stream().min(this::statisticsOrder).orElseThrow();
            Object max = statisticsOperands.stream().max(this::statisticsOrder).orElseThrow();
            return switch (operator) {
                case EQ, IN -> new Object[] {min, max};
                case LT, LE -> new Object[] {null, max};
                case GT, GE -> new Object[] {min, null};
                default -> null;
            };
        }

        /**
         * The values a row group's value set or statistics must hold one of (EQ, IN; a float zero as both zeros), or
         * null for other operators.
         */
        public List<Object> equalsOneOf() {
            return operator == RowPredicate.Operator.EQ || operator == RowPredicate.Operator.IN
                    ? statisticsOperands
                    : null;
        }

        /** Lets the reader skip row groups whose statistics exclude this condition. */
        void prune(WebmColumnar.ReadBuilder read) {
            switch (operator) {
                // Equality and IN: by the row groups' value sets where the segment has them, else min/max.
                case EQ, IN -> read.filterIn(column.name(), statisticsOperands.toArray());
                case LT, LE -> read.filter(column.name(), null, range[1]);
                case GT, GE -> read.filter(column.name(), range[0], null);
                default -> {}
            }
        }

        public boolean test(Object value) {
            if (operator == RowPredicate.Operator.IS_NULL) {
                return value == null;
            }
            if (value == null) {
                return false;
            }
            return switch (operator) {
                case EQ -> compare(value, operands.get(0)) == 0;
                case NE -> compare(value, operands.get(0)) != 0;
                case LT -> compare(value, operands.get(0)) < 0;
                case LE -> compare(value, operands.get(0)) <= 0;
                case GT -> compare(value, operands.get(0)) > 0;
                case GE -> compare(value, operands.get(0)) >= 0;
                case IN -> members.contains(member(value));
                case IS_NULL -> false;
            };
        }

        /** {@link Values#compare}, but with -0.0 equal to 0.0. */
        private int compare(Object a, Object b) {
            return Values.compare(column.type(), unsignedZero(a), unsignedZero(b));
        }

        private int statisticsOrder(Object a, Object b) {
            return Values.compare(column.type(), a, b);
        }
    }
}
