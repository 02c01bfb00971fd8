package coop.cpc.lakehouse.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.ItTokens;
import coop.cpc.lakehouse.it.OwnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The restart test of the ingestion jobs: the server is killed with SIGKILL in the middle of a
 * large PostgreSQL ingestion, started again, the run restarted, and the asset then holds every
 * source row exactly once. A second run killed with it is abandoned instead, and both killed executions end in
 * the job repository with an end time and an exit status that says why.
 *
 * <p>Runs its own copy of the provisioned WildFly (not Arquillian's, which other ITs share) on the
 * port offset {@code lakehouse.it.crash.port.offset} (default: 100 above the Arquillian server's
 * ports, i.e. 8280/10190 with the build's defaults), against the embedded PostgreSQL of
 * {@link ItDatabase} with databases of its own. {@code lakehouse.it.crash.rows} sets the size of
 * the source table.
 */
@ExtendWith(ItDatabase.class)
class KillDashNineRestartIT extends KilledServerFixture {
    private static final int ROWS = Integer.getInteger("lakehouse.it.crash.rows", 300_000);
    private static final int CHUNK_SIZE = 2_000;
    private static final int COMMITS_BEFORE_KILL = 10;
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration INGESTION = Duration.ofMinutes(2);
    private static final Duration RESTARTED_RUN = Duration.ofSeconds(180);
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private static final Path DIR = OwnServer.DIR;
    private static final String CATALOG = "crash_catalog";
    private static final String SOURCE = "crash_source";

    private static final String EXECUTION_FIELDS =
            "executionId jobId batchStatus exitStatus trigger restartOf interrupted "
                    + "steps { name batchStatus readCount writeCount commitCount rollbackCount }";

    @Test
    void killDashNineMidIngestionThenRestartStoresEverySourceRowExactlyOnce() throws Exception {
        createDatabases();
        Path storage = freshDirectory(DIR.resolve("crash-webm"));
        Path inbox = freshDirectory(DIR.resolve("crash-inbox"));
        server = OwnServer.deploy("crash", portOffset());
        Map<String, String> properties = OwnServer.properties(CATALOG, storage);
        properties.put("data_lakehouse.local_source_roots", inbox.toString());
        properties.put("data_lakehouse.postgres_source_allow_list", "localhost,127.0.0.1");
        properties.put("data_lakehouse.graphql_max_page_size", "1000");
        properties.putAll(ItTokens.serverProperties());
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        log("server up on http port " + server.httpPort());
        GraphQlClient graphql = GraphQlClient.at(server.httpPort());

        String assetId = createAsset(graphql, "readings");
        String jobId = createJob(graphql, assetId, "crash_readings");
        // A second run killed with the first, which the operator abandons instead of restarting.
        String abandonedJobId = createJob(graphql, createAsset(graphql, "readings_abandoned"), "crash_abandoned");
        JsonNode daily = createDailyFileDrop(graphql, Files.createDirectories(inbox.resolve("daily")));
        String executionId = start(graphql, jobId);
        String abandonedExecutionId = start(graphql, abandonedJobId);
        long commitsAtKill = awaitCommitsOfARunningRun(graphql, executionId);
        assertThat(ENDED)
                .as("the run to abandon still runs at the kill")
                .doesNotContain(execution(graphql, abandonedExecutionId)
                        .get("batchStatus")
                        .asText());

        long killed = server.killDashNine();
        log("killed " + killed + " server JVM(s) with SIGKILL after " + commitsAtKill + " chunk commits");
        assertThat(killed)
                .as("server JVMs found under standalone.sh and killed")
                .isPositive();

        // A server folder without its timers (a new server, an upgrade into a new folder): the schedule comes back.
        deleteTree(server.home().resolve("standalone/data/timer-service-data"));
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        log("server up again");
        assertTheScheduleWasRecreated(graphql, daily);
        JsonNode interrupted = execution(
                graphql.data(
                                "query($id: ID!) { jobExecutions(jobId: $id) { " + EXECUTION_FIELDS + " } }",
                                Map.of("id", jobId))
                        .get("jobExecutions"),
                executionId);
        assertThat(interrupted.get("interrupted").asBoolean())
                .as("the killed execution is shown interrupted after the new start: %s", interrupted)
                .isTrue();
        assertAnInterruptedRunCanBeAbandoned(graphql, abandonedExecutionId);

        JsonNode restart = graphql.data(
                        "mutation($id: ID!) { restartJobExecution(executionId: $id) { " + EXECUTION_FIELDS + " } }",
                        Map.of("id", executionId))
                .get("restartJobExecution");
        assertThat(restart.get("restartOf").asText())
                .as("restartOf of %s", restart)
                .isEqualTo(executionId);
        assertThat(restart.get("trigger").asText()).as("trigger of %s", restart).isEqualTo("RESTART");
        JsonNode restarted = awaitEnd(graphql, restart.get("executionId").asText(), RESTARTED_RUN);
        assertThat(restarted.get("batchStatus").asText())
                .as("the restarted execution: %s; server log %s", restarted, server.serverLog())
                .isEqualTo("COMPLETED");
        log("restarted execution completed: " + restarted);

        JsonNode asset = graphql.data(
                        "query($id: ID) { asset(id: $id) { rowCount snapshots { id operation } "
                                + "segments(last: 1000) { path rowCount removedSnapshotId } } }",
                        Map.of("id", assetId))
                .get("asset");
        assertThat(asset.get("rowCount").asLong()).as("rowCount of the asset").isEqualTo(ROWS);
        assertThat(asset.get("snapshots"))
                .as("snapshots: the killed attempt committed none, the completed run one")
                .hasSize(1);
        assertSegmentsHoldEveryIdOnce(asset.get("segments"), storage);
        assertTheKilledExecutionsEndedWithTheirReason(executionId, abandonedExecutionId);
        assertRowsMatchTheSource(
                graphql,
                assetId,
                new TreeSet<>(List.of(
                        1L, commitsAtKill * CHUNK_SIZE, commitsAtKill * CHUNK_SIZE + 1, (long) ROWS / 2, (long) ROWS)));
        log("verified");

        // A plain restart: the server kept the re-created timer, and nothing doubles.
        server.stop();
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        assertThat(Files.readString(server.serverLog()))
                .contains("1 scheduled ingestion job timer(s) found on the server; 0 re-created");
    }

    private static String start(GraphQlClient graphql, String jobId) throws Exception {
        return graphql.data("mutation($id: ID!) { startIngestionJob(id: $id) { executionId } }", Map.of("id", jobId))
                .get("startIngestionJob")
                .get("executionId")
                .asText();
    }

    /** JBeret took an interrupted execution, STARTED in its repository, for running and refused to abandon it. */
    private void assertAnInterruptedRunCanBeAbandoned(GraphQlClient graphql, String executionId) throws Exception {
        assertThat(execution(graphql, executionId).get("interrupted").asBoolean())
                .as("the second killed execution is interrupted")
                .isTrue();
        JsonNode abandon = graphql.execute(
                "mutation($id: ID!) { abandonJobExecution(executionId: $id) { batchStatus exitStatus interrupted } }",
                Map.of("id", executionId));
        assertThat(abandon.get("errors")).as("abandonJobExecution: %s", abandon).isNull();
        JsonNode abandoned = abandon.get("data").get("abandonJobExecution");
        assertThat(abandoned.get("batchStatus").asText()).as("%s", abandoned).isEqualTo("ABANDONED");
        assertThat(abandoned.get("exitStatus").asText()).as("%s", abandoned).startsWith("INTERRUPTED: ");
        assertThat(abandoned.get("interrupted").asBoolean()).as("%s", abandoned).isFalse();
    }

    /**
     * In JBeret's repository both killed executions have an end time (without one, the run history purge took them
     * for running and kept their runs for good) and an exit status that says a server stop interrupted them.
     */
    private static void assertTheKilledExecutionsEndedWithTheirReason(String restarted, String abandoned)
            throws Exception {
        try (Connection catalog = DriverManager.getConnection(ItDatabase.url(CATALOG), "postgres", "");
                PreparedStatement select = catalog.prepareStatement("SELECT jobexecutionid, batchstatus,"
                        + " endtime IS NOT NULL, exitstatus FROM public.job_execution WHERE jobexecutionid IN (?, ?)"
                        + " ORDER BY jobexecutionid")) {
            select.setLong(1, Long.parseLong(restarted));
            select.setLong(2, Long.parseLong(abandoned));
            List<String> rows = new ArrayList<>();
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows.add(found.getLong(1) + " " + found.getString(2) + " ended=" + found.getBoolean(3) + " "
                            + found.getString(4));
                }
            }
            String reason = "INTERRUPTED: the server stopped (kill -9, power loss) while this execution ran";
            assertThat(rows)
                    .containsExactly(
                            restarted + " FAILED ended=true " + reason, abandoned + " ABANDONED ended=true " + reason);
        }
    }

    /** A file-drop job run once a day: no tick falls inside the test. */
    private static JsonNode createDailyFileDrop(GraphQlClient graphql, Path folder) throws Exception {
        String assetId = graphql.data(
                        "mutation($input: AssetInput!) { createAsset(input: $input) { id } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "namespace",
                                        "crash",
                                        "name",
                                        "daily",
                                        "columns",
                                        List.of(Map.of("name", "id", "type", "int64", "nullable", false)))))
                .get("createAsset")
                .get("id")
                .asText();
        return graphql.data(
                        "mutation($input: IngestionJobInput!) { createIngestionJob(input: $input) { id nextRunAt } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "name",
                                        "crash_daily",
                                        "targetAssetId",
                                        assetId,
                                        "fileDrop",
                                        Map.of("directory", folder.toString(), "glob", "*.csv"),
                                        "schedule",
                                        "INTERVAL",
                                        "scheduleExpression",
                                        "P1D")))
                .get("createIngestionJob");
    }

    private void assertTheScheduleWasRecreated(GraphQlClient graphql, JsonNode daily) throws Exception {
        Instant created = OffsetDateTime.parse(daily.get("nextRunAt").asText()).toInstant();
        JsonNode job = graphql.data(
                        "query($id: ID!) { ingestionJob(id: $id) { nextRunAt } }",
                        Map.of("id", daily.get("id").asText()))
                .get("ingestionJob");
        assertThat(OffsetDateTime.parse(job.get("nextRunAt").asText()).toInstant())
                .as("nextRunAt of the daily job after a start without its timer (it was %s)", created)
                .isAfter(created)
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(Files.readString(server.serverLog()))
                .contains("0 scheduled ingestion job timer(s) found on the server; 1 re-created");
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The catalog of this test's server, and the source table. */
    private static void createDatabases() throws Exception {
        ItDatabase.recreate(CATALOG, SOURCE);
        try (Connection source = DriverManager.getConnection(ItDatabase.url(SOURCE), "postgres", "");
                Statement sql = source.createStatement()) {
            sql.execute("CREATE TABLE public.readings (id bigint PRIMARY KEY, at timestamptz NOT NULL, "
                    + "value double precision, note text)");
            sql.execute("INSERT INTO public.readings SELECT g, "
                    + "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + (g % 1000) * interval '1 microsecond', "
                    + "CASE WHEN g % 101 = 0 THEN NULL ELSE ((g * 7919) % 100003) / 100.0 END, "
                    + "CASE WHEN g % 103 = 0 THEN NULL ELSE 'reading ' || md5(g::text) END "
                    + "FROM generate_series(1::bigint, " + ROWS + ") g");
        }
    }

    private static String createAsset(GraphQlClient graphql, String name) throws Exception {
        List<Map<String, Object>> columns = List.of(
                Map.of("name", "id", "type", "int64", "nullable", false, "primaryKey", true),
                Map.of("name", "at", "type", "timestamp_us", "nullable", false),
                Map.of("name", "value", "type", "float64"),
                Map.of("name", "note", "type", "string"));
        return graphql.data(
                        "mutation($input: AssetInput!) { createAsset(input: $input) { id } }",
                        Map.of("input", Map.of("namespace", "crash", "name", name, "columns", columns)))
                .get("createAsset")
                .get("id")
                .asText();
    }

    private static String createJob(GraphQlClient graphql, String assetId, String name) throws Exception {
        Map<String, Object> source =
                Map.of("url", ItDatabase.url(SOURCE), "user", "postgres", "table", "public.readings");
        JsonNode job = graphql.data(
                        "mutation($input: IngestionJobInput!) { createIngestionJob(input: $input) { id chunkSize } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "name",
                                        name,
                                        "targetAssetId",
                                        assetId,
                                        "chunkSize",
                                        CHUNK_SIZE,
                                        "postgresTable",
                                        source)))
                .get("createIngestionJob");
        assertThat(job.get("chunkSize").asInt()).as("chunkSize of %s", job).isEqualTo(CHUNK_SIZE);
        return job.get("id").asText();
    }

    /** Polls until the read step has committed enough chunks while the run is still reading; returns its commits. */
    private long awaitCommitsOfARunningRun(GraphQlClient graphql, String executionId) throws Exception {
        Instant deadline = Instant.now().plus(INGESTION);
        JsonNode execution = null;
        while (Instant.now().isBefore(deadline)) {
            execution = execution(graphql, executionId);
            JsonNode read = step(execution, "read");
            if (ENDED.contains(execution.get("batchStatus").asText())
                    || read != null && ENDED.contains(read.get("batchStatus").asText())) {
                fail(
                        "The run ended before the kill, so the test proves nothing: make the source table bigger "
                                + "(-Dlakehouse.it.crash.rows, now %d). Execution: %s",
                        ROWS, execution);
            }
            if (read != null && read.get("commitCount").asLong() >= COMMITS_BEFORE_KILL) {
                log("killing now: " + execution);
                return read.get("commitCount").asLong();
            }
            Thread.sleep(100);
        }
        return fail(
                "No %d chunk commits within %d s; last seen: %s",
                COMMITS_BEFORE_KILL, INGESTION.toSeconds(), execution);
    }

    private static JsonNode awaitEnd(GraphQlClient graphql, String executionId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode execution = null;
        while (Instant.now().isBefore(deadline)) {
            execution = execution(graphql, executionId);
            if (ENDED.contains(execution.get("batchStatus").asText())) {
                return execution;
            }
            Thread.sleep(500);
        }
        return fail("Execution %s did not end within %d s; last seen: %s", executionId, timeout.toSeconds(), execution);
    }

    private static JsonNode execution(GraphQlClient graphql, String executionId) throws Exception {
        JsonNode execution = graphql.data(
                        "query($id: ID!) { jobExecution(executionId: $id) { " + EXECUTION_FIELDS + " } }",
                        Map.of("id", executionId))
                .get("jobExecution");
        assertThat(execution.isNull())
                .as("jobExecution(%s) is null", executionId)
                .isFalse();
        return execution;
    }

    private static JsonNode execution(JsonNode executions, String executionId) {
        for (JsonNode execution : executions) {
            if (execution.get("executionId").asText().equals(executionId)) {
                return execution;
            }
        }
        return fail("Execution %s is not among the job's executions: %s", executionId, executions);
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        return null;
    }

    /** Reads the id column of every live segment file of the asset: each source id exactly once, nothing else. */
    private void assertSegmentsHoldEveryIdOnce(JsonNode segments, Path storage) throws Exception {
        int[] seen = new int[ROWS + 1];
        List<Long> outOfRange = new ArrayList<>();
        int files = 0;
        for (JsonNode segment : segments) {
            if (!segment.get("removedSnapshotId").isNull()) {
                continue;
            }
            files++;
            Object[] ids;
            try (WebmColumnar.ReadBuilder reader =
                    WebmColumnar.read(storage.resolve(segment.get("path").asText()))) {
                ids = reader.project("id").columns().get(0);
            }
            assertThat(ids)
                    .as("ids in %s", segment)
                    .hasSize(segment.get("rowCount").asInt());
            for (Object value : ids) {
                long id = (Long) value;
                if (id < 1 || id > ROWS) {
                    outOfRange.add(id);
                } else {
                    seen[(int) id]++;
                }
            }
        }
        List<Integer> duplicated = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            if (seen[id] > 1) {
                duplicated.add(id);
            } else if (seen[id] == 0) {
                missing.add(id);
            }
        }
        log("read " + files + " live segment files");
        assertThat(outOfRange).as("ids that are not in the source").isEmpty();
        assertThat(duplicated)
                .as("ids stored more than once (%d in all)", duplicated.size())
                .isEmpty();
        assertThat(missing).as("ids not stored (%d in all)", missing.size()).isEmpty();
    }

    /** Some rows (around the kill point too) read through GraphQL with a where filter equal those of the source. */
    private static void assertRowsMatchTheSource(GraphQlClient graphql, String assetId, TreeSet<Long> ids)
            throws Exception {
        String values = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
        JsonNode page = graphql.data(
                        "query($id: ID) { asset(id: $id) { rows(where: [{column: \"id\", op: IN, values: [" + values
                                + "]}], first: 100) { columns { name } rows { values } } } }",
                        Map.of("id", assetId))
                .get("asset")
                .get("rows");
        List<String> header = new ArrayList<>();
        page.get("columns").forEach(column -> header.add(column.get("name").asText()));
        Map<Long, Map<String, String>> actual = new HashMap<>();
        for (JsonNode row : page.get("rows")) {
            Map<String, String> byColumn = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                JsonNode value = row.get("values").get(c);
                byColumn.put(header.get(c), value.isNull() ? null : value.asText());
            }
            actual.put(Long.parseLong(byColumn.get("id")), byColumn);
        }
        assertThat(actual.keySet())
                .as("ids of the rows found by the where filter")
                .containsExactlyInAnyOrderElementsOf(ids);

        try (Connection source = DriverManager.getConnection(ItDatabase.url(SOURCE), "postgres", "");
                PreparedStatement select =
                        source.prepareStatement("SELECT id, at, value, note FROM public.readings WHERE id = ANY(?)")) {
            Array array = source.createArrayOf("bigint", ids.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, String> row = actual.get(rows.getLong("id"));
                    assertThat(Instant.parse(row.get("at")))
                            .as("at of row %s", row)
                            .isEqualTo(
                                    rows.getObject("at", OffsetDateTime.class).toInstant());
                    Double value = rows.getObject("value", Double.class);
                    assertThat(row.get("value") == null ? null : Double.valueOf(row.get("value")))
                            .as("value of row %s", row)
                            .isEqualTo(value);
                    assertThat(row.get("note")).as("note of row %s", row).isEqualTo(rows.getString("note"));
                }
            }
        }
    }

    private static int portOffset() {
        return portOffset("lakehouse.it.crash.port.offset", 100);
    }
}
