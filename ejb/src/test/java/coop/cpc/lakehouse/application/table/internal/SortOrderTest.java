package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortOrderTest {

    private static final Column ID = new Column("id", ColumnType.of(ColumnType.Kind.INT64), false);
    private static final Column CATEGORY = new Column("category", ColumnType.of(ColumnType.Kind.STRING), true);
    private static final Schema SCHEMA = new Schema(List.of(ID, CATEGORY));
    private static final List<String> CATEGORIES =
            List.of("books", "education", "food", "garden", "health", "music", "sports", "toys");

    @TempDir
    Path root;

    @Test
    void rowsSortByTheColumnsInTurnNullsFirstAndEqualRowsKeepTheirArrivalOrder() {
        SortOrder order = SortOrder.of(SCHEMA, List.of("category", "id"));
        List<Object[]> rows = List.of(
                new Object[] {3L, "b"},
                new Object[] {1L, "b"},
                new Object[] {2L, null},
                new Object[] {4L, "a"},
                new Object[] {1L, "a"});

        List<Object[]> sorted = order.sort(rows);

        assertThat(sorted)
                .extracting(r -> Arrays.asList(r))
                .containsExactly(
                        Arrays.asList(2L, null),
                        List.of(1L, "a"),
                        List.of(4L, "a"),
                        List.of(1L, "b"),
                        List.of(3L, "b"));
        assertThat(rows.get(0)[0]).as("the given list keeps its order").isEqualTo(3L);

        SortOrder byCategory = SortOrder.of(SCHEMA, List.of("category"));
        assertThat(byCategory.sort(rows)).extracting(r -> r[0]).containsExactly(2L, 4L, 1L, 3L, 1L);
    }

    @Test
    void columnsTheSchemaLacksAreLeftOutAndNoOrderKeepsTheRowsAsTheyAre() {
        Schema keyOnly = new Schema(List.of(ID));
        assertThat(SortOrder.of(keyOnly, List.of("category")).isNone()).isTrue();
        assertThat(SortOrder.of(SCHEMA, List.of("category", "missing")).columns())
                .containsExactly("category");
        List<Object[]> rows = List.of(new Object[] {2L, "b"}, new Object[] {1L, "a"});
        assertThat(SortOrder.none().sort(rows)).isSameAs(rows);
    }

    @Test
    void aSortedSegmentIsCutIntoRowGroupsOfAtLeast1024Rows() {
        SortOrder order = SortOrder.of(SCHEMA, List.of("category"));
        assertThat(order.rowGroupRows(10_000)).isEqualTo(1_024);
        assertThat(order.rowGroupRows(1_000_000)).isEqualTo(62_500);
        assertThat(order.rowGroupRows(10_000_000)).isEqualTo(65_536);
        assertThat(SortOrder.none().rowGroupRows(10_000)).isEqualTo(WebmColumnar.DEFAULT_ROW_GROUP_SIZE);
    }

    @Test
    void rowGroupsEndWhereTheFirstSortColumnChangesOnceTheyHoldTheLeastRowsAndAtTwiceThatAtMost() {
        SortOrder order = SortOrder.of(SCHEMA, List.of("category", "id"));
        List<Object[]> sorted = new ArrayList<>();
        int[] runs = {600, 600, 2_500, 300, 6_000};
        for (int run = 0; run < runs.length; run++) {
            for (int i = 0; i < runs[run]; i++) {
                sorted.add(new Object[] {(long) sorted.size(), CATEGORIES.get(run)});
            }
        }

        // 1,024 rows at least (10,000 rows), 2,048 at most: two short runs together, long runs cut at 2,048.
        assertThat(order.rowGroupSizes(sorted)).containsExactly(1_200, 2_048, 2_048, 2_048, 2_048, 608);
        assertThat(order.maxRowGroupRows(10_000)).isEqualTo(2_048);
        assertThat(order.maxRowGroupRows(10_000_000)).isEqualTo(65_536);
    }

    @Test
    void aFirstSortColumnThatChangesOnEveryRowGivesRowGroupsOfTheLeastRows() {
        SortOrder byId = SortOrder.of(SCHEMA, List.of("id"));
        List<Object[]> sorted = new ArrayList<>();
        for (long id = 0; id < 3_000; id++) {
            sorted.add(new Object[] {id, id % 2 == 0 ? null : "a"});
        }
        assertThat(byId.rowGroupSizes(sorted)).containsExactly(1_024, 1_024, 952);

        SortOrder byCategory = SortOrder.of(SCHEMA, List.of("category"));
        List<Object[]> nullsFirst = byCategory.sort(sorted);
        assertThat(byCategory.rowGroupSizes(nullsFirst)).containsExactly(1_500, 1_500);
    }

    @Test
    void aSegmentWrittenInTheOrderHoldsFewCategoriesPerRowGroupSoAnEqualitySkipsMostOfThem() throws Exception {
        Random random = new Random(16);
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            rows.add(new Object[] {id, CATEGORIES.get(random.nextInt(CATEGORIES.size()))});
        }
        SegmentFiles files = new SegmentFiles(root);

        StagedSegment unsorted = files.write("shop", "sales", "data", SCHEMA, rows);
        StagedSegment sorted =
                files.write("shop", "sales", "data", SCHEMA, rows, SortOrder.of(SCHEMA, List.of("category")));

        assertThat(rowGroupsHolding(files, unsorted, "education")).isEqualTo(List.of(1, 1));
        // Eight categories of ~1,250 rows: each run of a category is one row group (fixed cuts of 1,024 rows
        // gave ten row groups, an equality reading two or three of them).
        assertThat(rowGroupsHolding(files, sorted, "education")).isEqualTo(List.of(1, 8));
        assertThat(sorted.rowCount()).isEqualTo(10_000);
        List<Object[]> back = WebmColumnar.read(files.resolve(sorted.path())).rows();
        assertThat(back)
                .extracting(r -> (Long) r[0])
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream().map(r -> (Long) r[0]).toList());
    }

    @Test
    void aCompactionWritesEachOutputSegmentSortedInTheOrder() throws Exception {
        Random random = new Random(12);
        SegmentFiles files = new SegmentFiles(root);
        java.util.UUID asset = java.util.UUID.randomUUID();
        List<coop.cpc.lakehouse.catalog.segment.WebmSegment> live = new ArrayList<>();
        long id = 0;
        for (int s = 1; s <= 2; s++) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < 1_500; r++) {
                rows.add(new Object[] {id++, CATEGORIES.get(random.nextInt(CATEGORIES.size()))});
            }
            StagedSegment staged = files.write("shop", "sales", "data", SCHEMA, rows);
            live.add(new coop.cpc.lakehouse.catalog.segment.WebmSegment(
                    asset,
                    java.util.UUID.randomUUID(),
                    staged.path(),
                    coop.cpc.lakehouse.catalog.segment.SegmentKind.DATA,
                    staged.rowCount(),
                    staged.byteSize(),
                    staged.sha256(),
                    staged.columnStatisticsJson(),
                    s));
        }

        List<StagedSegment> written = new Compactor(files)
                .rewrite("shop", "sales", SCHEMA, live, List.of(), 2_000, SortOrder.of(SCHEMA, List.of("category")));

        assertThat(written).extracting(StagedSegment::rowCount).containsExactly(2_000L, 1_000L);
        List<Long> ids = new ArrayList<>();
        for (StagedSegment segment : written) {
            List<Object[]> rows =
                    WebmColumnar.read(files.resolve(segment.path())).rows();
            assertThat(rows).extracting(r -> (String) r[1]).isSorted();
            rows.forEach(r -> ids.add((Long) r[0]));
        }
        assertThat(ids).hasSize(3_000).doesNotHaveDuplicates();
    }

    /** [row groups an equality on the value keeps, row groups of the segment]. */
    private static List<Integer> rowGroupsHolding(SegmentFiles files, StagedSegment segment, String value)
            throws Exception {
        SegmentScan.Condition equality = SegmentScan.Condition.of(
                CATEGORY, new RowPredicate("category", RowPredicate.Operator.EQ, List.of(value)));
        try (SegmentRowGroups groups = SegmentRowGroups.open(files.resolve(segment.path()))) {
            int kept = 0;
            for (int g = 0; g < groups.groupCount(); g++) {
                if (groups.keeps(g, List.of(equality))) {
                    kept++;
                }
            }
            return List.of(kept, groups.groupCount());
        }
    }
}
