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
        Path file = root.resolve("categories.webm");
        try (OutputStream out = Files.newOutputStream(file);
                SegmentWriter writer = WebmColumnar.write(out)
                        .schema(new Schema(List.of(ID, CATEGORY)))
                        .rowGroupSize(100)
                        .build()) {
            for (int r = 0; r < 200; r++) {
                List<String> values = r < 100 ? first : second;
                writer.add((long) r, values.get(r % values.size()));
            }
        }
        return file;
    }
}
