package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conditions on float columns compare -0.0 and 0.0 equal, as PostgreSQL and IEEE comparison do (pruning by
 * statistics: SegmentRowGroupsTest).
 */
class SegmentScanTest {

    private static final Column X = new Column("x", ColumnType.of(ColumnType.Kind.FLOAT64), true);
    private static final Column Y = new Column("y", ColumnType.of(ColumnType.Kind.FLOAT32), true);

    @Test
    void negativeZeroEqualsZeroInEveryOperator() throws Exception {
        for (String zero : List.of("0", "-0.0")) {
            assertThat(matches(X, RowPredicate.Operator.EQ, zero)).containsExactly(-0.0, 0.0);
            assertThat(matches(X, RowPredicate.Operator.IN, zero, "5")).containsExactly(-0.0, 0.0);
            assertThat(matches(X, RowPredicate.Operator.NE, zero)).containsExactly(-1.0, 1.0, Double.NaN);
            assertThat(matches(X, RowPredicate.Operator.LT, zero)).containsExactly(-1.0);
            assertThat(matches(X, RowPredicate.Operator.LE, zero)).containsExactly(-1.0, -0.0, 0.0);
            assertThat(matches(X, RowPredicate.Operator.GT, zero)).containsExactly(1.0, Double.NaN);
            assertThat(matches(X, RowPredicate.Operator.GE, zero)).containsExactly(-0.0, 0.0, 1.0, Double.NaN);
        }
        assertThat(SegmentScan.Condition.of(Y, new RowPredicate("y", RowPredicate.Operator.EQ, List.of("0")))
                        .test(-0.0f))
                .isTrue();
        assertThat(SegmentScan.Condition.of(Y, new RowPredicate("y", RowPredicate.Operator.IN, List.of("-0")))
                        .test(0.0f))
                .isTrue();
    }

    private static List<Double> matches(Column column, RowPredicate.Operator operator, String... values)
            throws Exception {
        SegmentScan.Condition condition =
                SegmentScan.Condition.of(column, new RowPredicate(column.name(), operator, List.of(values)));
        return List.of(-1.0, -0.0, 0.0, 1.0, Double.NaN).stream()
                .filter(condition::test)
                .toList();
    }
}
