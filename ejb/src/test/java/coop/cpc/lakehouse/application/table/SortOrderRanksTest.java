package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rank-based sort gives exactly the order of a stable sort by the columns' comparison, nulls first. */
class SortOrderRanksTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("label", ColumnType.of(ColumnType.Kind.STRING), true),
            new Column("amount", ColumnType.decimal(12, 2), true),
            new Column("score", ColumnType.of(ColumnType.Kind.FLOAT64), true),
            new Column("at", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), true),
            new Column("blob", ColumnType.of(ColumnType.Kind.BYTES), true));
    /** UTF-8 order differs from String.compareTo for these (a supplementary character against U+FFxx). */
    private static final String[] LABELS = {"a", "b", "ab", "é", "\uFF21", "\uD83D\uDE00", "Z", ""};

    @Test
    void everyOrderOfOneToThreeColumnsEqualsTheStableComparatorSort() {
        Random r = new Random(1616);
        List<List<String>> orders = List.of(
                List.of("label"),
                List.of("id"),
                List.of("amount"),
                List.of("score"),
                List.of("at"),
                List.of("blob"),
                List.of("label", "amount"),
                List.of("score", "label", "at"),
                List.of("blob", "id"));
        for (int round = 0; round < 20; round++) {
            List<Object[]> rows = rows(r, 1 + r.nextInt(400));
            for (List<String> names : orders) {
                SortOrder order = SortOrder.of(SCHEMA, names);
                List<Object[]> expected = new ArrayList<>(rows);
                expected.sort(reference(names));
                assertThat(order.sort(rows)).as("order %s", names).containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<Object[]> rows(Random r, int n) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {
                (long) r.nextInt(20),
                r.nextInt(8) == 0 ? null : LABELS[r.nextInt(LABELS.length)],
                // 1.5 and 1.50 are equal for the format: a sort must not separate them by scale.
                r.nextInt(8) == 0 ? null : new BigDecimal(r.nextInt(5) + "." + "5".repeat(1 + r.nextInt(2))),
                r.nextInt(8) == 0
                        ? null
                        : new double[] {0.0, -0.0, 1.5, Double.NaN, -3, Double.NEGATIVE_INFINITY}[r.nextInt(6)],
                r.nextInt(8) == 0 ? null : Instant.ofEpochSecond(r.nextInt(5), 1000L * r.nextInt(3)),
                r.nextInt(8) == 0 ? null : new byte[] {(byte) r.nextInt(3), (byte) (r.nextInt(3) - 1)}
            });
        }
        return rows;
    }

    /** The order the documentation promises, written as the one comparator it used to be. */
    private static Comparator<Object[]> reference(List<String> names) {
        return (a, b) -> {
            for (String name : names) {
                int c = SCHEMA.ordinal(name);
                ColumnType type = SCHEMA.column(c).type();
                Object x = a[c];
                Object y = b[c];
                if (x == y) {
                    continue;
                }
                if (x == null || y == null) {
                    return x == null ? -1 : 1;
                }
                int d = Values.compare(type, x, y);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        };
    }
}
