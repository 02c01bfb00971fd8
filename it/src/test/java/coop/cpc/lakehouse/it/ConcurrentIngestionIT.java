package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.APPEND_ROWS;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static coop.cpc.lakehouse.it.IngestionRuns.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two ingestion runs and a few client appends commit into the same asset at the same time: every
 * commit becomes its own snapshot in one gapless sequence, and every source row lands exactly once.
 */
class ConcurrentIngestionIT extends DeployedEarFixture {
    private static final String SOURCE_DATABASE = "concurrent_sources";
    private static final long ROWS_PER_TABLE = 20_000;
    private static final int CHUNK_SIZE = 1_000;
    private static final long TABLE_A_FIRST_ID = 1;
    private static final long TABLE_B_FIRST_ID = 1_000_001;
    private static final long APPENDED_FIRST_ID = 5_000_001;
    private static final int APPEND_WRITERS = 2;
    private static final int APPENDS_PER_WRITER = 3;
    private static final int ROWS_PER_APPEND = 50;
    private static final int PAGE_SIZE = 100;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final String ID_PAGE = "query($id: ID, $columns: [String], $first: Int!, $after: String) "
            + "{ asset(id: $id) { rows(columns: $columns, first: $first, after: $after) "
            + "{ rows { values } pageInfo { hasNextPage endCursor } } } }";
    private static final List<Map<String, Object>> APPEND_COLUMNS =
            List.of(Map.of("name", "id", "type", "int64"), Map.of("name", "label", "type", "string"));

    @Test
    void twoRunsAndClientAppendsIntoOneAssetLoseNoSnapshotAndNoRow() throws Exception {
        createSourceTable("a", TABLE_A_FIRST_ID);
        createSourceTable("b", TABLE_B_FIRST_ID);
        String assetId = runs.createAsset(
                "concurrent", "merged", List.of(primaryKey("id", "int64"), column("label", "string", true)));
        String jobA = createJob("concurrent_a", assetId, "public.a");
        String jobB = createJob("concurrent_b", assetId, "public.b");

        ExecutorService clients = Executors.newFixedThreadPool(2 + APPEND_WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        Future<String> startA = clients.submit(startWhen(go, jobA));
        Future<String> startB = clients.submit(startWhen(go, jobB));
        List<Future<List<JsonNode>>> appenders = new ArrayList<>();
        for (int w = 0; w < APPEND_WRITERS; w++) {
            int writer = w;
            appenders.add(clients.submit(() -> {
                go.await();
                List<JsonNode> outcomes = new ArrayList<>();
                for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                    long first = APPENDED_FIRST_ID + (long) (writer * APPENDS_PER_WRITER + i) * ROWS_PER_APPEND;
                    outcomes.add(append(assetId, first, "client" + writer));
                }
                return outcomes;
            }));
        }
        go.countDown();
        String executionA = startA.get(1, TimeUnit.MINUTES);
        String executionB = startB.get(1, TimeUnit.MINUTES);
        List<JsonNode> appendOutcomes = new ArrayList<>();
        for (Future<List<JsonNode>> appender : appenders) {
            appendOutcomes.addAll(appender.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        clients.shutdown();
        JsonNode runA = runs.awaitEnd(executionA, RUN_TIMEOUT);
        JsonNode runB = runs.awaitEnd(executionB, RUN_TIMEOUT);

        assertThat(runA.get("batchStatus").asText())
                .as("run of job a: %s", runA)
                .isEqualTo("COMPLETED");
        assertThat(runB.get("batchStatus").asText())
                .as("run of job b: %s", runB)
                .isEqualTo("COMPLETED");
        int appends = APPEND_WRITERS * APPENDS_PER_WRITER;
        long appendedRows = (long) appends * ROWS_PER_APPEND;
        long total = 2 * ROWS_PER_TABLE + appendedRows;
        assertThat(appendOutcomes)
                .hasSize(appends)
                .allSatisfy(
                        outcome -> assertThat(outcome.get("rowsAdded").asLong()).isEqualTo(ROWS_PER_APPEND));

        JsonNode asset = graphql.data(
                        "query($id: ID) { asset(id: $id) { rowCount "
                                + "snapshots { id parentId sequenceNumber operation summary sourceJobId sourceExecutionId } "
                                + "segments { rowCount removedSnapshotId } } }",
                        Map.of("id", assetId))
                .get("asset");
        assertThat(asset.get("rowCount").asLong()).isEqualTo(total);

        List<JsonNode> snapshots = new ArrayList<>();
        asset.get("snapshots").forEach(snapshots::add);
        assertThat(snapshots)
                .as("one snapshot per run and per appendRows: %s", snapshots)
                .hasSize(2 + appends);
        assertThat(snapshots)
                .extracting(s -> s.get("sequenceNumber").asLong())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 2 + appends).boxed().toList());
        assertThat(snapshots).extracting(s -> s.get("operation").asText()).containsOnly("APPEND");
        for (int i = 1; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i).get("parentId").asText())
                    .as("parent of snapshot %d", i + 1)
                    .isEqualTo(snapshots.get(i - 1).get("id").asText());
        }
        assertThat(snapshots.get(0).get("parentId").isNull()).isTrue();
        Map<String, Long> rowsAddedByExecution = snapshots.stream()
                .filter(s -> !s.get("sourceExecutionId").isNull())
                .collect(Collectors.toMap(s -> s.get("sourceExecutionId").asText(), ConcurrentIngestionIT::rowsAdded));
        assertThat(rowsAddedByExecution)
                .containsOnly(Map.entry(executionA, ROWS_PER_TABLE), Map.entry(executionB, ROWS_PER_TABLE));
        assertThat(snapshots)
                .filteredOn(s -> !s.get("sourceExecutionId").isNull())
                .extracting(s -> s.get("sourceJobId").asText())
                .containsExactlyInAnyOrder(jobA, jobB);
        assertThat(snapshots)
                .extracting(s -> s.get("id").asText())
                .containsAll(appendOutcomes.stream()
                        .map(o -> o.get("snapshotId").asText())
                        .toList());

        long liveSegmentRows = 0;
        for (JsonNode segment : asset.get("segments")) {
            if (segment.get("removedSnapshotId").isNull()) {
                liveSegmentRows += segment.get("rowCount").asLong();
            }
        }
        assertThat(liveSegmentRows).isEqualTo(total);

        List<Long> ids = allIds(assetId);
        assertThat(ids).as("ids read back").hasSize((int) total).doesNotHaveDuplicates();
        Set<Long> expected = new HashSet<>();
        LongStream.range(TABLE_A_FIRST_ID, TABLE_A_FIRST_ID + ROWS_PER_TABLE).forEach(expected::add);
        LongStream.range(TABLE_B_FIRST_ID, TABLE_B_FIRST_ID + ROWS_PER_TABLE).forEach(expected::add);
        LongStream.range(APPENDED_FIRST_ID, APPENDED_FIRST_ID + appendedRows).forEach(expected::add);
        assertThat(new HashSet<>(ids)).isEqualTo(expected);

        for (String jobId : List.of(jobA, jobB)) {
            JsonNode job = runs.job(jobId);
            assertThat(job.get("status").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
            assertThat(job.get("rowsIngested").asLong()).as("job %s", job).isEqualTo(ROWS_PER_TABLE);
            assertThat(job.get("errorCount").asLong()).isZero();
        }
        for (JsonNode run : List.of(runA, runB)) {
            assertThat(IngestionRuns.step(run, "read").get("writeCount").asLong())
                    .isEqualTo(ROWS_PER_TABLE);
            assertThat(IngestionRuns.step(run, "read").get("commitCount").asLong())
                    .isGreaterThanOrEqualTo(ROWS_PER_TABLE / CHUNK_SIZE);
        }
    }

    private Callable<String> startWhen(CountDownLatch go, String jobId) {
        return () -> {
            go.await();
            return runs.start(jobId);
        };
    }

    private String createJob(String name, String assetId, String table) throws Exception {
        return runs.createTableJob(name, assetId, CHUNK_SIZE, SOURCE_DATABASE, table);
    }

    private JsonNode append(String assetId, long firstId, String label) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long id = firstId; id < firstId + ROWS_PER_APPEND; id++) {
            rows.add(Map.of("values", List.of(String.valueOf(id), label)));
        }
        return graphql.data(APPEND_ROWS, Map.of("id", assetId, "columns", APPEND_COLUMNS, "rows", rows))
                .get("appendRows");
    }

    /** The id of every row of the asset's current snapshot, all pages. */
    private List<Long> allIds(String assetId) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (JsonNode page : graphql.allPages(
                ID_PAGE,
                Map.of("id", assetId, "columns", List.of("id"), "first", PAGE_SIZE),
                data -> data.get("asset").get("rows"))) {
            page.get("rows").forEach(row -> ids.add(row.get("values").get(0).asLong()));
        }
        return ids;
    }

    private static long rowsAdded(JsonNode snapshot) {
        try {
            return GraphQlClient.JSON
                    .readTree(snapshot.get("summary").asText())
                    .get("rowsAdded")
                    .asLong();
        } catch (Exception e) {
            throw new AssertionError("snapshot summary is not JSON: " + snapshot, e);
        }
    }

    private static void createSourceTable(String table, long firstId) throws SQLException {
        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public." + table);
            sql.execute("CREATE TABLE public." + table + " (id bigint PRIMARY KEY, label text)");
            sql.execute("INSERT INTO public." + table + " SELECT g, '" + table + "' || g FROM generate_series("
                    + firstId + ", " + (firstId + ROWS_PER_TABLE - 1) + ") AS g");
        }
    }
}
