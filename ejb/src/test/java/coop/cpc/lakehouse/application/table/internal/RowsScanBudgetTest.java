package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.RowsScanned;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows fields of one request decode at most graphql_max_scan_rows stored rows in all: a field that reaches
 * the budget returns the rows found so far and a cursor at the next row group to scan, and paging on returns
 * exactly the rows one unbounded scan would.
 */
class RowsScanBudgetTest {
    private static final int BUDGET = 1_024;
    private static final List<RowPredicate> NAMED_X =
            List.of(new RowPredicate("name", RowPredicate.Operator.EQ, List.of("x")));

    @TempDir
    Path root;

    @Test
    void theRowsFieldsOfOneRequestShareTheBudgetAndEachScansAtLeastOneRowGroup() throws Exception {
        TableServiceFixture table = table(root);
        CommitResult last = null;
        for (int commit = 0; commit < 10; commit++) { // ten segments of one row group of 300 rows
            List<List<String>> rows = new ArrayList<>();
            for (int id = commit * 300; id < commit * 300 + 300; id++) {
                rows.add(List.of(String.valueOf(id), id % 50 == 0 ? "x" : "a"));
            }
            last = table.service.appendText(table.assetId, ID_AND_NAME, rows);
        }
        RowsScanned request = new RowsScanned();
        table.service.rowsScanned = request;

        RowPage first = rows(table, 100, null);

        assertThat(ids(first))
                .as("4 row groups of 300 rows reach the budget of 1,024")
                .hasSize(24);
        assertThat(first.next()).isEqualTo(new RowCursor(last.snapshotId(), 4, 0, 0));
        assertThat(request.count()).isEqualTo(1_200);

        RowPage alias = rows(table, 100, null);

        assertThat(ids(alias))
                .as("the budget is spent: one row group")
                .containsExactly(0L, 50L, 100L, 150L, 200L, 250L);
        assertThat(alias.next()).isEqualTo(new RowCursor(last.snapshotId(), 1, 0, 0));
        assertThat(request.count()).isEqualTo(1_500);

        table.service.rowsScanned = new RowsScanned(); // the next request resumes where the first field stopped
        RowPage resumed = rows(table, 100, first.next());

        assertThat(ids(resumed)).hasSize(24).startsWith(1_200L, 1_250L).endsWith(2_350L);
        assertThat(resumed.next()).isEqualTo(new RowCursor(last.snapshotId(), 8, 0, 0));
        table.service.rowsScanned = new RowsScanned();
        RowPage end = rows(table, 100, resumed.next());
        assertThat(ids(end)).hasSize(12).endsWith(2_950L);
        assertThat(end.next()).as("no data segment left").isNull();
    }

    @Test
    void pagingWithATinyBudgetReturnsExactlyTheRowsOfAnUnboundedScan() throws Exception {
        int partialPages = 0;
        for (int seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            TableServiceFixture table = table(root.resolve("seed" + seed));
            Map<Long, String> model = new TreeMap<>();
            long nextId = 0;
            for (int step = 0; step < 10; step++) {
                int op = random.nextInt(4);
                if (step == 6) {
                    // A compaction sorted by name: segments of several row groups, some ruled out by statistics.
                    table.service.assets.find(table.assetId).orElseThrow().setSortOrder(List.of("name"));
                    table.service.compact(table.assetId);
                } else if (op <= 1 || model.isEmpty()) {
                    List<List<String>> rows = new ArrayList<>();
                    int count = 100 + random.nextInt(900);
                    for (int i = 0; i < count; i++, nextId++) {
                        String name = name(random);
                        model.put(nextId, name);
                        rows.add(List.of(String.valueOf(nextId), name));
                    }
                    table.service.appendText(table.assetId, ID_AND_NAME, rows);
                } else if (op == 2) {
                    List<List<String>> rows = new ArrayList<>();
                    for (Long id : someOf(model, random)) {
                        String name = name(random);
                        model.put(id, name);
                        rows.add(List.of(String.valueOf(id), name));
                    }
                    table.service.upsertText(table.assetId, ID_AND_NAME, rows);
                } else {
                    List<List<String>> keys = new ArrayList<>();
                    for (Long id : someOf(model, random)) {
                        model.remove(id);
                        keys.add(List.of(String.valueOf(id)));
                    }
                    table.service.deleteText(table.assetId, keys);
                }
            }
            List<Long> expected = new ArrayList<>();
            model.forEach((id, name) -> {
                if (name.equals("x")) {
                    expected.add(id);
                }
            });

            List<Long> paged = new ArrayList<>();
            RowCursor after = null;
            int pages = 0;
            do {
                table.service.rowsScanned = new RowsScanned(); // each page a request of its own
                RowPage page = rows(table, 7, after);
                paged.addAll(ids(page));
                if (page.next() != null && page.rows().size() < 7) {
                    partialPages++;
                }
                after = page.next();
                assertThat(++pages)
                        .as("pages (each scans a row group at least)")
                        .isLessThan(1_000);
            } while (after != null);

            assertThat(paged.stream().sorted().toList()).as("seed " + seed).isEqualTo(expected);
        }
        assertThat(partialPages).as("pages the budget cut short").isPositive();
    }

    private static TableServiceFixture table(Path folder) throws Exception {
        AssetSchema schema = TableServiceFixture.keyedIdAndName();
        return new TableServiceFixture(
                new SegmentFiles(folder),
                schema,
                Map.of("data_lakehouse.graphql_max_scan_rows", String.valueOf(BUDGET)));
    }

    private static RowPage rows(TableServiceFixture table, int first, RowCursor after) throws Exception {
        return table.service.rows(table.assetId, List.of("id"), NAMED_X, first, after, null, Long.MAX_VALUE);
    }

    private static List<Long> ids(RowPage page) {
        return page.rows().stream().map(r -> (Long) r[0]).toList();
    }

    private static String name(Random random) {
        int draw = random.nextInt(10);
        return draw == 0 ? "x" : draw < 5 ? "a" : "b";
    }

    private static List<Long> someOf(Map<Long, String> model, Random random) {
        List<Long> ids = new ArrayList<>(model.keySet());
        java.util.Collections.shuffle(ids, random);
        return ids.subList(0, Math.min(ids.size(), 1 + random.nextInt(300)));
    }
}
