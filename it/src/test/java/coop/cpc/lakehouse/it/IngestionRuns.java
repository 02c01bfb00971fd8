package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ingestion jobs driven through the GraphQL API as a client would: create, start, wait for the end
 * of a run, read the target asset back page by page.
 */
public final class IngestionRuns {
    static final String JOB_FIELDS =
            "id name sourceType targetAssetId schedule scheduleExpression status lastExecutionId "
                    + "lastRunAt nextRunAt rowsIngested errorCount maxErrors chunkSize version sourceConfig createdAt";
    static final String EXECUTION_FIELDS = "executionId jobInstanceId jobId batchStatus exitStatus trigger restartOf "
            + "interrupted startedAt endedAt rejectsFile "
            + "steps { name batchStatus readCount writeCount skipCount commitCount rollbackCount filterCount }";
    static final String CREATE_JOB =
            "mutation($input: IngestionJobInput!) { createIngestionJob(input: $input) { " + JOB_FIELDS + " } }";
    private static final String CREATE_ASSET = "mutation($input: AssetInput!) { createAsset(input: $input) { id } }";
    static final String APPEND_ROWS = "mutation($id: ID!, $columns: [ColumnInput!]!, $rows: [RowInput!]!) "
            + "{ appendRows(assetId: $id, columns: $columns, rows: $rows) { snapshotId sequenceNumber rowsAdded assetRowCount } }";
    private static final String ROWS = "query($id: ID, $first: Int!, $after: String, $asOf: AsOfInput) "
            + "{ asset(id: $id) { rows(first: $first, after: $after, asOf: $asOf) "
            + "{ columns { name type } rows { values } snapshotId pageInfo { hasNextPage endCursor } } } }";
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private final GraphQlClient graphql;

    public IngestionRuns(GraphQlClient graphql) {
        this.graphql = graphql;
    }

    /** The folder under the configured {@code local_source_roots}, created when missing. */
    static Path inbox() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("lakehouse.it.dir", "target"), "inbox")
                .toAbsolutePath());
    }

    /** A fresh, empty folder inside the inbox: left-overs of an earlier run of the tests are removed. */
    static Path freshFolder(String... names) throws IOException {
        Path folder = inbox();
        for (String name : names) {
            folder = folder.resolve(name);
        }
        ServerProvisioner.deleteRecursively(folder);
        return Files.createDirectories(folder);
    }

    /** The columns of the accounts table the row-change and compaction tests write to: id is its key. */
    public static final List<Map<String, Object>> ACCOUNTS =
            List.of(primaryKey("id", "int64"), column("owner", "string"), column("balance", "decimal(12,2)"));

    /** The columns of a write (appendRows, upsertRows) to {@link #ACCOUNTS}, in its order. */
    public static final List<Map<String, Object>> ACCOUNTS_WRITTEN =
            List.of(column("id", "int64"), column("owner", "string"), column("balance", "decimal(12,2)"));

    public String createAsset(String namespace, String name, List<Map<String, Object>> columns) throws Exception {
        return graphql.data(
                        CREATE_ASSET, Map.of("input", Map.of("namespace", namespace, "name", name, "columns", columns)))
                .get("createAsset")
                .get("id")
                .asText();
    }

    /** appendRows; fails the test on an error. */
    public JsonNode appendRows(String assetId, List<Map<String, Object>> columns, List<List<String>> rows)
            throws Exception {
        return graphql.data(APPEND_ROWS, appendVariables(assetId, columns, rows))
                .get("appendRows");
    }

    /** appendRows, refused or not: the whole response. */
    public JsonNode tryAppendRows(String assetId, List<Map<String, Object>> columns, List<List<String>> rows)
            throws Exception {
        return graphql.execute(APPEND_ROWS, appendVariables(assetId, columns, rows));
    }

    private static Map<String, Object> appendVariables(
            String assetId, List<Map<String, Object>> columns, List<List<String>> rows) {
        return Map.of(
                "id",
                assetId,
                "columns",
                columns,
                "rows",
                rows.stream().map(values -> Map.of("values", values)).toList());
    }

    /** A non-null primary-key column. */
    public static Map<String, Object> primaryKey(String name, String type) {
        return Map.of("name", name, "type", type, "nullable", false, "primaryKey", true);
    }

    public static Map<String, Object> column(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    public static Map<String, Object> column(String name, String type, boolean nullable) {
        return Map.of("name", name, "type", type, "nullable", nullable);
    }

    /**
     * A job that copies a table of an IT database into the asset, {@code chunkSize} rows a chunk.
     *
     * @return the job's id, failing the test on errors
     */
    String createTableJob(String name, String assetId, int chunkSize, String database, String table) throws Exception {
        return createJob(Map.of(
                        "name",
                        name,
                        "targetAssetId",
                        assetId,
                        "chunkSize",
                        chunkSize,
                        "postgresTable",
                        Map.of("url", ItDatabase.url(database), "user", "postgres", "table", table)))
                .get("id")
                .asText();
    }

    /** @return the created job, failing the test on errors */
    JsonNode createJob(Map<String, Object> input) throws Exception {
        return graphql.data(CREATE_JOB, Map.of("input", input)).get("createIngestionJob");
    }

    /** @return the whole response, for tests that expect errors */
    JsonNode tryCreateJob(Map<String, Object> input) throws Exception {
        return graphql.execute(CREATE_JOB, Map.of("input", input));
    }

    /**
     * A job with defaults but for its one source.
     *
     * @param sourceKind the input's source field: fileDrop, postgresTable, httpApi or sled
     * @return the created job, failing the test on errors
     */
    JsonNode createJob(String name, String assetId, String sourceKind, Map<String, ?> source) throws Exception {
        return createJob(Map.of("name", name, "targetAssetId", assetId, sourceKind, source));
    }

    /** {@link #createJob(String, String, String, Map)} for tests that expect errors: the whole response. */
    JsonNode tryCreateJob(String name, String assetId, String sourceKind, Map<String, ?> source) throws Exception {
        return tryCreateJob(Map.of("name", name, "targetAssetId", assetId, sourceKind, source));
    }

    /**
     * {@link #tryCreateJob(String, String, String, Map)} for a job that must be refused: fails the test
     * unless the answer is an invalid-input error.
     *
     * @return the error's message
     */
    String refusedJob(String name, String assetId, String sourceKind, Map<String, ?> source) throws Exception {
        JsonNode response = tryCreateJob(name, assetId, sourceKind, source);
        assertThat(GraphQlClient.errorCode(response)).as("%s", response).isEqualTo("invalid-input");
        return GraphQlClient.message(response);
    }

    JsonNode job(String jobId) throws Exception {
        return graphql.data("query($id: ID!) { ingestionJob(id: $id) { " + JOB_FIELDS + " } }", Map.of("id", jobId))
                .get("ingestionJob");
    }

    /** @return the execution id of the new run */
    String start(String jobId) throws Exception {
        return graphql.data("mutation($id: ID!) { startIngestionJob(id: $id) { executionId } }", Map.of("id", jobId))
                .get("startIngestionJob")
                .get("executionId")
                .asText();
    }

    JsonNode execution(String executionId) throws Exception {
        return graphql.data(
                        "query($id: ID!) { jobExecution(executionId: $id) { " + EXECUTION_FIELDS + " } }",
                        Map.of("id", executionId))
                .get("jobExecution");
    }

    List<JsonNode> executions(String jobId) throws Exception {
        JsonNode list = graphql.data(
                        "query($id: ID!) { jobExecutions(jobId: $id) { " + EXECUTION_FIELDS + " } }",
                        Map.of("id", jobId))
                .get("jobExecutions");
        List<JsonNode> executions = new ArrayList<>();
        list.forEach(executions::add);
        return executions;
    }

    /** Polls the execution until it has ended (COMPLETED, FAILED, STOPPED or ABANDONED). */
    JsonNode awaitEnd(String executionId) throws Exception {
        return awaitEnd(executionId, RUN_TIMEOUT);
    }

    /** {@link #awaitEnd(String)} with a longer wait, for runs that share the server with others. */
    JsonNode awaitEnd(String executionId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode execution = execution(executionId);
        while (!ENDED.contains(execution.get("batchStatus").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("execution " + executionId + " has not ended within " + timeout.toSeconds()
                        + " s: " + execution);
            }
            Thread.sleep(250);
            execution = execution(executionId);
        }
        return execution;
    }

    /** Starts a run and waits for it; fails the test with the exit status unless it COMPLETED. */
    JsonNode runToCompletion(String jobId) throws Exception {
        JsonNode execution = awaitEnd(start(jobId));
        assertThat(execution.get("batchStatus").asText())
                .as("run of job %s ended with exitStatus %s: %s", jobId, execution.get("exitStatus"), execution)
                .isEqualTo("COMPLETED");
        return execution;
    }

    static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution);
    }

    static List<String> stepNames(JsonNode execution) {
        List<String> names = new ArrayList<>();
        execution.get("steps").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    /** Every row of the asset's current snapshot, all pages, as text (null stays null). */
    public List<List<String>> allRows(String assetId) throws Exception {
        return allRows(assetId, null);
    }

    /** @param asOf an AsOfInput ({@code snapshotId} or {@code timestamp}), or null for the current snapshot */
    List<List<String>> allRows(String assetId, Map<String, Object> asOf) throws Exception {
        return allRows(assetId, asOf, 100);
    }

    /**
     * @param asOf an AsOfInput ({@code snapshotId} or {@code timestamp}), or null for the current snapshot
     * @param pageSize rows a page (larger for the tests that read tens of thousands of rows)
     */
    public List<List<String>> allRows(String assetId, Map<String, Object> asOf, int pageSize) throws Exception {
        Map<String, Object> variables = new HashMap<>(Map.of("id", assetId, "first", pageSize));
        variables.put("asOf", asOf);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode page :
                graphql.allPages(ROWS, variables, data -> data.get("asset").get("rows"))) {
            rows.addAll(values(page));
        }
        return rows;
    }

    /** The rows of one page of {@code rows} as text (null stays null). */
    static List<List<String>> values(JsonNode page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : page.get("rows")) {
            List<String> values = new ArrayList<>();
            row.get("values").forEach(v -> values.add(v.isNull() ? null : v.asText()));
            rows.add(values);
        }
        return rows;
    }

    /** The column names and types of the asset's rows, as {@code name type}. */
    List<String> rowColumns(String assetId) throws Exception {
        JsonNode columns = graphql.data(ROWS, new HashMap<>(Map.of("id", assetId, "first", 1)))
                .get("asset")
                .get("rows")
                .get("columns");
        List<String> described = new ArrayList<>();
        columns.forEach(
                c -> described.add(c.get("name").asText() + " " + c.get("type").asText()));
        return described;
    }

    JsonNode lineage(String assetId) throws Exception {
        return graphql.data(
                        "query($id: ID!) { lineage(assetId: $id) { nodes { id kind name } "
                                + "edges { id from to transformation jobId executionId columnMappings createdAt runs"
                                + " lastExecutionId lastRecordedAt } } }",
                        Map.of("id", assetId))
                .get("lineage");
    }

    /** The file a run's {@code rejectsFile} names, relative to the server's webm_storage_path. */
    static Path storagePath(String relative) {
        return Path.of(System.getProperty("lakehouse.it.dir", "target"), "webm").resolve(relative);
    }

    static List<JsonNode> ndjson(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(GraphQlClient.JSON.readTree(line));
            }
        }
        return lines;
    }

    static List<String> listOf(String... values) {
        return java.util.Arrays.asList(values);
    }
}
