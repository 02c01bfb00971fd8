package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRowGroupsTest {

    private static final Column ID = new Column("id", ColumnType.of(ColumnType.Kind.INT64), false);
    private static final Column CATEGORY = new Column("category", ColumnType.of(ColumnType.Kind.STRING), true);

    @TempDir
    Path root;

    @Test
    void equalityAndInSkipRowGroupsWhoseValueSetsLackEveryValueEvenInsideMinAndMax() throws Exception {
        // Row group 0 holds "apple" and "cherry" (min/max span "banana"), row group 1 only "banana".
        Path file = segment(List.of("apple", "cherry"), List.of("banana"));

        try (SegmentRowGroups groups = SegmentRowGroups.open(file)) {
            assertThat(kept(groups, condition(RowPredicate.Operator.EQ, "banana")))
                    .containsExactly(1);
            assertThat(kept(groups, condition(RowPredicate.Operator.EQ, "cherry")))
                    .containsExactly(0);
            assertThat(kept(groups, condition(RowPredicate.Operator.IN, "banana", "zebra")))
                    .containsExactly(1);
            assertThat(kept(groups, condition(RowPredicate.Operator.IN, "apple", "banana")))
                    .containsExactly(0, 1);
            assertThat(kept(groups, condition(RowPredicate.Operator.IN, "avocado", "blueberry")))
                    .isEmpty();
            // A range is not an equality: min/max only, both row groups may match.
            assertThat(kept(groups, condition(RowPredicate.Operator.GE, "b"))).containsExactly(0, 1);
        }
    }

    @Test
    void theSegmentScanReturnsExactlyTheMatchingRowsOfAnInCondition() throws Exception {
        Path file = segment(List.of("apple", "cherry"), List.of("banana"));

        List<Object[]> rows = SegmentScan.rows(
                file, List.of(ID, CATEGORY), List.of(condition(RowPredicate.Operator.IN, "banana", "cherry")));

        assertThat(rows).extracting(r -> (String) r[1]).containsOnly("banana", "cherry");
        assertThat(rows).hasSize(100 + 50);
    }

    @Test
    void floatStatisticsKeepARowGroupOfZerosOfTheOtherSign() throws Exception {
        // Row group 0 holds only -0.0 (min = max = -0.0), row group 1 only 0.0: statistics order them apart, a
        // condition compares them equal.
        Column x = new Column("x", ColumnType.of(ColumnType.Kind.FLOAT64), true);
        Path file = write("zeros.webm", x, r -> r < 100 ? -0.0 : 0.0);

        try (SegmentRowGroups groups = SegmentRowGroups.open(file)) {
            for (String zero : List.of("0", "-0.0")) {
                for (RowPredicate.Operator operator : List.of(
                        RowPredicate.Operator.EQ,
                        RowPredicate.Operator.IN,
                        RowPredicate.Operator.LE,
                        RowPredicate.Operator.GE)) {
                    SegmentScan.Condition condition =
                            SegmentScan.Condition.of(x, new RowPredicate("x", operator, List.of(zero)));
                    assertThat(kept(groups, condition))
                            .as(operator + " " + zero)
                            .containsExactly(0, 1);
                    assertThat(SegmentScan.rows(file, List.of(ID), List.of(condition)))
                            .as(operator + " " + zero)
                            .hasSize(200);
                }
            }
            SegmentScan.Condition below =
                    SegmentScan.Condition.of(x, new RowPredicate("x", RowPredicate.Operator.LT, List.of("-0.5")));
            assertThat(kept(groups, below)).isEmpty();
        }
    }

    private static List<Integer> kept(SegmentRowGroups groups, SegmentScan.Condition condition) {
        return java.util.stream.IntStream.range(0, groups.groupCount())
                .filter(g -> groups.keeps(g, List.of(condition)))
                .boxed()
                .toList();
    }

    private static SegmentScan.Condition condition(RowPredicate.Operator operator, String... values) throws Exception {
        return SegmentScan.Condition.of(CATEGORY, new RowPredicate("category", operator, List.of(values)));
    }

    /** Two row groups of 100 rows: the first cycles through {@code first}, the second through {@code second}. */
    private Path segment(List<String> first, List<String> second) throws Exception {
        return write("categories.webm", CATEGORY, r -> {
            List<String> values = r < 100 ? first : second;
            return values.get(r % values.size());
        });
    }

    /** 200 rows in row groups of 100: the id and {@code column}'s value of each row. */
    private Path write(String name, Column column, IntFunction<Object> value) throws Exception {
        Path file = root.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                SegmentWriter writer = WebmColumnar.write(out)
                        .schema(new Schema(List.of(ID, column)))
                        .rowGroupSize(100)
                        .build()) {
            for (int r = 0; r < 200; r++) {
                writer.add((long) r, value.apply(r));
            }
        }
        return file;
    }
}
