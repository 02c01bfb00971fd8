package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.APPEND_ROWS;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static coop.cpc.lakehouse.it.IngestionRuns.listOf;
import static coop.cpc.lakehouse.it.IngestionRuns.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rows written as WebM columnar segments and snapshots, read back through GraphQL: exact values, filters, time travel. */
class TableIT extends DeployedEarFixture {
    private static final String ROWS =
            "query($id: ID, $columns: [String], $where: [RowPredicateInput], $first: Int!, $after: String, $asOf: AsOfInput) "
                    + "{ asset(id: $id) { rows(columns: $columns, where: $where, first: $first, after: $after, asOf: $asOf) "
                    + "{ columns { name type } rows { values } snapshotId pageInfo { hasNextPage endCursor } } } }";
    private static final List<Map<String, Object>> VITALS = List.of(
            Map.of("name", "patient_id", "type", "int64"),
            Map.of("name", "measured_at", "type", "timestamp_ms"),
            Map.of("name", "heart_rate", "type", "decimal(4,1)"),
            Map.of("name", "note", "type", "string"));

    @Test
    void appendedRowsReadBackExactlyFromARealSegmentFile() throws Exception {
        String id = createVitals("exact");
        JsonNode outcome = append(
                id,
                List.of(
                        row("1", "2026-03-01T10:00:00Z", "72.5", "resting"),
                        row("1", "2026-03-01T10:00:01.250Z", "73.0", null),
                        row("2", "2026-03-01T10:00:00Z", null, "")));

        assertThat(outcome.get("rowsAdded").asLong()).isEqualTo(3);
        assertThat(outcome.get("sequenceNumber").asLong()).isEqualTo(1);
        JsonNode page = rows(id, Map.of("first", 10));
        assertThat(values(page))
                .containsExactly(
                        List.of("1", "2026-03-01T10:00:00Z", "72.5", "resting"),
                        listOf("1", "2026-03-01T10:00:01.250Z", "73.0", null),
                        listOf("2", "2026-03-01T10:00:00Z", null, ""));
        assertThat(page.get("columns").get(2).get("type").asText()).isEqualTo("decimal(4,1)");

        JsonNode segments = graphql.data(
                        "query($id: ID) { asset(id: $id) { rowCount segments { path rowCount byteSize sha256 kind columnStatistics } } }",
                        Map.of("id", id))
                .get("asset");
        assertThat(segments.get("rowCount").asLong()).isEqualTo(3);
        JsonNode segment = segments.get("segments").get(0);
        Path file = Path.of(
                System.getProperty("lakehouse.it.dir", "target"),
                "webm",
                segment.get("path").asText());
        assertThat(segment.get("path").asText())
                .startsWith("health/exact/data/")
                .endsWith(".webm");
        assertThat(Files.size(file)).isEqualTo(segment.get("byteSize").asLong());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                .isEqualTo(segment.get("sha256").asText());
        JsonNode heartRate = GraphQlClient.JSON
                .readTree(segment.get("columnStatistics").asText())
                .get("heart_rate");
        assertThat(heartRate.get("nullCount").asLong()).isEqualTo(1);
        assertThat(heartRate.get("min").asText()).isEqualTo("72.5");
        assertThat(heartRate.get("max").asText()).isEqualTo("73.0");
        // The stored segment is an AV1 WebM file that stock tools read (bin/test installs ffprobe).
        Process ffprobe = new ProcessBuilder(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=codec_name",
                        "-of",
                        "csv=p=0",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String streams = new String(ffprobe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ffprobe.waitFor()).as(streams).isZero();
        assertThat(streams.lines().toList()).hasSize(4).allMatch(codec -> codec.equals("av1"));
    }

    @Test
    void filtersProjectsAndPagesWithoutGapsOrRepeats() throws Exception {
        String id = createVitals("paged");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(row(
                    String.valueOf(i % 6),
                    "2026-03-01T10:" + String.format("%02d", i) + ":00Z",
                    (60 + i) + ".0",
                    i % 2 == 0 ? "even" : null));
        }
        append(id, batch);

        List<String> seen = new ArrayList<>();
        Map<String, Object> variables = Map.of(
                "id",
                id,
                "first",
                7,
                "columns",
                List.of("heart_rate"),
                "where",
                List.of(
                        Map.of("column", "heart_rate", "op", "GE", "values", List.of("80.0")),
                        Map.of("column", "note", "op", "IS_NULL"),
                        Map.of("column", "patient_id", "op", "IN", "values", List.of("1", "3"))));
        for (JsonNode page :
                graphql.allPages(ROWS, variables, data -> data.get("asset").get("rows"))) {
            page.get("rows").forEach(r -> seen.add(r.get("values").get(0).asText()));
        }

        List<String> expected = new ArrayList<>();
        for (int i = 20; i < 60; i++) {
            if (i % 2 == 1 && (i % 6 == 1 || i % 6 == 3)) {
                expected.add((60 + i) + ".0");
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void timeTravelReturnsTheOldRowsAfterASecondCommit() throws Exception {
        String id = createVitals("travel");
        String first = append(id, List.of(row("1", "2026-03-01T10:00:00Z", "70.0", "first")))
                .get("snapshotId")
                .asText();
        Instant between = Instant.now();
        Thread.sleep(50);
        append(id, List.of(row("2", "2026-03-01T11:00:00Z", "71.0", "second")));

        assertThat(values(rows(id, Map.of("first", 10)))).hasSize(2);
        JsonNode bySnapshot = rows(id, Map.of("first", 10, "asOf", Map.of("snapshotId", first)));
        assertThat(values(bySnapshot)).containsExactly(List.of("1", "2026-03-01T10:00:00Z", "70.0", "first"));
        assertThat(bySnapshot.get("snapshotId").asText()).isEqualTo(first);
        assertThat(values(rows(id, Map.of("first", 10, "asOf", Map.of("timestamp", between.toString())))))
                .hasSize(1);
        assertThat(values(rows(id, Map.of("first", 10, "asOf", Map.of("timestamp", "2000-01-01T00:00:00Z")))))
                .isEmpty();

        JsonNode snapshots = graphql.data(
                        "query($id: ID) { asset(id: $id) { snapshots { id parentId sequenceNumber operation } } }",
                        Map.of("id", id))
                .get("asset")
                .get("snapshots");
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(1).get("parentId").asText()).isEqualTo(first);
        assertThat(snapshots.get(1).get("operation").asText()).isEqualTo("APPEND");

        // Snapshots and segments of a whole page of assets come batched, each to its own asset.
        JsonNode page = graphql.data(
                        "{ assets(namespace: \"health\", first: 100) { nodes { id snapshots { id } segments { id } } } }")
                .get("assets")
                .get("nodes");
        for (JsonNode asset : page) {
            JsonNode own = graphql.data(
                            "query($id: ID) { asset(id: $id) { snapshots { id } segments { id } } }",
                            Map.of("id", asset.get("id").asText()))
                    .get("asset");
            assertThat(asset.get("snapshots")).isEqualTo(own.get("snapshots"));
            assertThat(asset.get("segments")).isEqualTo(own.get("segments"));
        }
    }

    @Test
    void newColumnsAreAddedAsNullableAndTypeChangesRefused() throws Exception {
        String id = createVitals("evolving");
        append(id, List.of(row("1", "2026-03-01T10:00:00Z", "70.0", "before")));
        runs.appendRows(
                id,
                List.of(column("patient_id", "int64"), column("measured_at", "timestamp_ms"), column("spo2", "int32")),
                List.of(List.of("2", "2026-03-01T10:05:00Z", "97")));

        JsonNode page = rows(id, Map.of("first", 10, "columns", List.of("patient_id", "spo2", "note")));
        assertThat(values(page)).containsExactly(listOf("1", null, "before"), listOf("2", "97", null));
        JsonNode changed = runs.tryAppendRows(id, List.of(column("heart_rate", "string")), List.of(List.of("fast")));
        assertThat(errorCode(changed)).isEqualTo("schema-mismatch");
        assertThat(message(changed))
                .isEqualTo(
                        "column heart_rate of asset health.evolving is decimal(4,1); the incoming rows have string (type changes are not allowed)");
        JsonNode missingRequired = runs.tryAppendRows(id, List.of(column("note", "string")), List.of(List.of("x")));
        assertThat(message(missingRequired))
                .isEqualTo(
                        "column patient_id of asset health.evolving is required (not null) and the incoming rows lack it");
    }

    @Test
    void concurrentWritersLoseNoSnapshotAndNoRow() throws Exception {
        String id = createVitals("contended");
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 8; i++) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int r = 0; r < 5; r++) {
                        batch.add(row(
                                String.valueOf(writer * 1000 + i * 10 + r),
                                "2026-03-01T10:00:00Z",
                                "70.0",
                                "w" + writer));
                    }
                    append(id, batch);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();

        JsonNode asset = graphql.data(
                        "query($id: ID) { asset(id: $id) { rowCount snapshots { sequenceNumber } segments { id } } }",
                        Map.of("id", id))
                .get("asset");
        assertThat(asset.get("rowCount").asLong()).isEqualTo(80);
        List<Long> sequence = new ArrayList<>();
        asset.get("snapshots").forEach(s -> sequence.add(s.get("sequenceNumber").asLong()));
        assertThat(sequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList());
        assertThat(asset.get("segments")).hasSize(16);
        List<List<String>> all = values(rows(id, Map.of("first", 100, "columns", List.of("patient_id"))));
        assertThat(all).hasSize(80).doesNotHaveDuplicates();
    }

    @Test
    void anAssetsSortOrderSortsTheRowsOfEachAppendedSegmentAndABadOrderIsRefusedByName() throws Exception {
        String id = createVitals("sorted");
        String update =
                "mutation($id: ID!, $input: AssetUpdateInput!) { updateAsset(id: $id, input: $input) { sortOrder } }";
        JsonNode unknown = graphql.execute(update, Map.of("id", id, "input", Map.of("sortOrder", List.of("spo2"))));
        assertThat(errorCode(unknown)).isEqualTo("invalid-input");
        assertThat(message(unknown)).startsWith("sortOrder names column spo2, which is not a column of the asset");
        JsonNode twice =
                graphql.execute(update, Map.of("id", id, "input", Map.of("sortOrder", List.of("note", "note"))));
        assertThat(message(twice)).startsWith("sortOrder names column note twice");
        JsonNode set = graphql.data(
                        update, Map.of("id", id, "input", Map.of("sortOrder", List.of("note", "patient_id"))))
                .get("updateAsset");
        assertThat(set.get("sortOrder").toString()).isEqualTo("[\"note\",\"patient_id\"]");

        List<Map<String, Object>> rows = new ArrayList<>();
        String[] notes = {"walking", "resting", "sleeping"};
        for (int i = 0; i < 30; i++) {
            rows.add(row(Integer.toString(30 - i), "2026-03-01T10:00:00Z", "70.0", notes[i % 3]));
        }
        rows.add(row("99", "2026-03-01T10:00:00Z", "70.0", null));
        append(id, rows);

        List<List<String>> stored = values(rows(id, Map.of("first", 100, "columns", List.of("note", "patient_id"))));
        assertThat(stored).hasSize(31);
        assertThat(stored.get(0)).isEqualTo(listOf(null, "99"));
        assertThat(stored.subList(1, 11)).allMatch(r -> r.get(0).equals("resting"));
        assertThat(stored.subList(1, 11))
                .extracting(r -> Integer.parseInt(r.get(1)))
                .isSorted();
        assertThat(stored.subList(11, 21)).allMatch(r -> r.get(0).equals("sleeping"));
        assertThat(stored.subList(21, 31)).allMatch(r -> r.get(0).equals("walking"));
        JsonNode sleeping = rows(
                id,
                Map.of(
                        "first",
                        100,
                        "columns",
                        List.of("patient_id"),
                        "where",
                        List.of(Map.of("column", "note", "op", "EQ", "values", List.of("sleeping")))));
        assertThat(values(sleeping)).hasSize(10);
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { sortOrder } }", Map.of("id", id))
                        .get("asset")
                        .get("sortOrder")
                        .toString())
                .isEqualTo("[\"note\",\"patient_id\"]");
    }

    private String createVitals(String name) throws Exception {
        return runs.createAsset(
                "health",
                name,
                List.of(
                        column("patient_id", "int64", false),
                        column("measured_at", "timestamp_ms", false),
                        column("heart_rate", "decimal(4,1)"),
                        column("note", "string")));
    }

    private JsonNode append(String id, List<Map<String, Object>> rows) throws Exception {
        return graphql.data(APPEND_ROWS, Map.of("id", id, "columns", VITALS, "rows", rows))
                .get("appendRows");
    }

    private JsonNode rows(String id, Map<String, Object> variables) throws Exception {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("id", id);
        return graphql.data(ROWS, all).get("asset").get("rows");
    }

    private static Map<String, Object> row(String... values) {
        return Map.of("values", listOf(values));
    }
}
