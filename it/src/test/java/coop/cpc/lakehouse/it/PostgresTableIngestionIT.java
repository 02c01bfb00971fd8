package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static coop.cpc.lakehouse.it.IngestionRuns.listOf;
import static coop.cpc.lakehouse.it.IngestionRuns.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL table ingested by a job: every type read back exactly, incremental by primary key,
 * lineage to the source table, time travel to the first run; tables without a key and column
 * names that are not identifiers refused.
 */
class PostgresTableIngestionIT extends DeployedEarFixture {
    private static final String SOURCE_DATABASE = "sources";
    private static final List<Map<String, Object>> VITALS_COLUMNS = List.of(
            primaryKey("id", "int64"),
            column("visits", "int32", true),
            column("amount", "decimal(10,2)", true),
            column("note", "string", true),
            column("measured_at", "timestamp_us", true),
            column("active", "bool", true),
            column("payload", "bytes", true));
    private static final String AWKWARD_NOTE = "He said \"hi\", then left\nnext line; O'Brien";

    @Test
    void copiesEveryTypeExactlyThenAppendsOnlyNewKeysAndKeepsTheFirstSnapshot() throws Exception {
        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public.vitals");
            sql.execute(
                    "CREATE TABLE public.vitals (id bigint PRIMARY KEY, visits integer, amount numeric(10,2), note text, "
                            + "measured_at timestamptz, active boolean, payload bytea)");
            insertVital(
                    source, 1, 3, "1234.50", "plain", "2026-03-01T10:00:00Z", true, new byte[] {0, (byte) 0xff, 0x10});
            insertVital(source, 2, -7, "-0.05", AWKWARD_NOTE, "2026-03-01T10:00:00.123456Z", false, new byte[0]);
            insertVital(source, 3, null, "99999999.99", "Zürich — 東京 🚀", "2026-03-01T11:30:00+02:00", null, null);
            insertVital(source, 5, null, null, null, null, null, null);
            // Above 2^53: a value that goes through a double anywhere comes back different.
            insertVital(source, 9007199254740993L, Integer.MAX_VALUE, "0", "", null, true, new byte[] {
                (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef
            });
        }
        String assetId = runs.createAsset("pgit", "vitals", VITALS_COLUMNS);
        JsonNode job = runs.createJob(Map.of(
                "name",
                "pg_vitals",
                "targetAssetId",
                assetId,
                "chunkSize",
                2,
                "postgresTable",
                Map.of("url", ItDatabase.url(SOURCE_DATABASE), "user", "postgres", "table", "public.vitals")));
        String jobId = job.get("id").asText();
        assertThat(job.get("sourceType").asText()).isEqualTo("POSTGRES_TABLE");

        JsonNode first = runs.runToCompletion(jobId);

        List<List<String>> firstRows = List.of(
                List.of("1", "3", "1234.50", "plain", "2026-03-01T10:00:00Z", "true", "AP8Q"),
                List.of("2", "-7", "-0.05", AWKWARD_NOTE, "2026-03-01T10:00:00.123456Z", "false", ""),
                listOf("3", null, "99999999.99", "Zürich — 東京 🚀", "2026-03-01T09:30:00Z", null, null),
                listOf("5", null, null, null, null, null, null),
                listOf("9007199254740993", "2147483647", "0.00", "", null, "true", "3q2+7w=="));
        assertThat(runs.allRows(assetId)).containsExactlyInAnyOrderElementsOf(firstRows);
        assertThat(runs.rowColumns(assetId))
                .containsExactly(
                        "id int64",
                        "visits int32",
                        "amount decimal(10,2)",
                        "note string",
                        "measured_at timestamp_us",
                        "active bool",
                        "payload bytes");
        assertThat(IngestionRuns.stepNames(first)).containsExactly("read", "commit");
        JsonNode read = IngestionRuns.step(first, "read");
        assertThat(read.get("readCount").asLong()).isEqualTo(5);
        assertThat(read.get("writeCount").asLong()).isEqualTo(5);
        assertThat(read.get("skipCount").asLong()).isZero();
        assertThat(read.get("commitCount").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(first.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(first.get("jobId").asText()).isEqualTo(jobId);
        assertThat(first.get("interrupted").asBoolean()).isFalse();
        assertThat(first.get("rejectsFile").isNull()).isTrue();
        JsonNode afterFirst = runs.job(jobId);
        assertThat(afterFirst.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(afterFirst.get("rowsIngested").asLong()).isEqualTo(5);
        assertThat(afterFirst.get("errorCount").asLong()).isZero();
        assertThat(afterFirst.get("lastExecutionId").asText())
                .isEqualTo(first.get("executionId").asText());

        String sourceUri = "postgresql://localhost:" + ItDatabase.port() + "/" + SOURCE_DATABASE + "/public.vitals";
        JsonNode lineage = runs.lineage(assetId);
        assertThat(nodes(lineage))
                .contains("EXTERNAL " + sourceUri + " " + sourceUri, "ASSET " + assetId + " pgit.vitals");
        assertThat(edges(lineage))
                .contains(sourceUri + " -> " + assetId + " INGEST job " + jobId + " execution "
                        + first.get("executionId").asText());
        // A viewer sees the source by its kind and job: no host, port, database or table.
        JsonNode seenByViewer = new IngestionRuns(graphql.as("viewer")).lineage(assetId);
        String hiddenSource = "job-source:" + jobId;
        assertThat(nodes(seenByViewer))
                .contains(
                        "EXTERNAL " + hiddenSource + " POSTGRES_TABLE job pg_vitals",
                        "ASSET " + assetId + " pgit.vitals");
        assertThat(edges(seenByViewer))
                .contains(hiddenSource + " -> " + assetId + " INGEST job " + jobId + " execution "
                        + first.get("executionId").asText());
        assertThat(seenByViewer.toString())
                .doesNotContain("postgresql:", "localhost", "/" + SOURCE_DATABASE, "public.vitals");
        String firstSnapshot = currentSnapshot(assetId);

        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE)) {
            insertVital(
                    source, 9007199254740994L, 1, "1", "second run", "2026-03-02T00:00:00.000001Z", false, new byte[] {1
                    });
            insertVital(source, 9007199254740995L, null, null, "last", null, null, null);
        }
        JsonNode second = runs.runToCompletion(jobId);

        List<List<String>> all = new ArrayList<>(firstRows);
        all.add(List.of("9007199254740994", "1", "1.00", "second run", "2026-03-02T00:00:00.000001Z", "false", "AQ=="));
        all.add(listOf("9007199254740995", null, null, "last", null, null, null));
        assertThat(runs.allRows(assetId)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(IngestionRuns.step(second, "read").get("readCount").asLong()).isEqualTo(2);
        assertThat(runs.job(jobId).get("rowsIngested").asLong()).isEqualTo(2);
        assertThat(runs.executions(jobId))
                .extracting(e -> e.get("executionId").asText())
                .containsExactly(
                        second.get("executionId").asText(),
                        first.get("executionId").asText());
        assertThat(runs.allRows(assetId, Map.of("snapshotId", firstSnapshot)))
                .containsExactlyInAnyOrderElementsOf(firstRows);
        JsonNode snapshots = graphql.data(
                        "query($id: ID) { asset(id: $id) { snapshots { id parentId operation } } }",
                        Map.of("id", assetId))
                .get("asset")
                .get("snapshots");
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(1).get("parentId").asText()).isEqualTo(firstSnapshot);
        assertThat(snapshots.get(1).get("operation").asText()).isEqualTo("APPEND");
        // The second run counts on the job's edge: one edge, first and latest run.
        JsonNode edgesAfterSecond = runs.lineage(assetId).get("edges");
        assertThat(edgesAfterSecond).hasSize(1);
        assertThat(edgesAfterSecond.get(0).get("runs").asLong()).isEqualTo(2);
        assertThat(edgesAfterSecond.get(0).get("executionId").asText())
                .isEqualTo(first.get("executionId").asText());
        assertThat(edgesAfterSecond.get(0).get("lastExecutionId").asText())
                .isEqualTo(second.get("executionId").asText());
        // Last, so that a wrong display does not hide the checks of the data above.
        assertThat(job.get("chunkSize").asInt()).isEqualTo(2);
        assertThat(runs.job(jobId).get("chunkSize").asInt()).isEqualTo(2);
    }

    @Test
    void tableWithoutPrimaryKeyFailsTheRunNamingTheTable() throws Exception {
        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public.no_key");
            sql.execute("CREATE TABLE public.no_key (a integer, b text)");
            sql.execute("INSERT INTO public.no_key VALUES (1, 'x')");
        }
        String assetId =
                runs.createAsset("pgit", "no_key", List.of(column("a", "int32", true), column("b", "string", true)));
        String jobId = runs.createJob(
                        "pg_no_key",
                        assetId,
                        "postgresTable",
                        Map.of("url", ItDatabase.url(SOURCE_DATABASE), "user", "postgres", "table", "public.no_key"))
                .get("id")
                .asText();

        JsonNode run = runs.awaitEnd(runs.start(jobId));

        assertThat(run.get("batchStatus").asText()).as("%s", run).isEqualTo("FAILED");
        assertThat(run.get("exitStatus").asText()).contains("public.no_key");
        assertThat(runs.job(jobId).get("status").asText()).isEqualTo("FAILED");
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { currentSnapshotId } }", Map.of("id", assetId))
                        .get("asset")
                        .get("currentSnapshotId")
                        .isNull())
                .isTrue();
    }

    @Test
    void columnNameThatIsNotAnIdentifierIsRefusedAndNothingRuns() throws Exception {
        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS public.x (id bigint PRIMARY KEY)");
            sql.execute("CREATE TABLE IF NOT EXISTS public.guarded (id bigint PRIMARY KEY)");
        }
        String assetId = runs.createAsset("pgit", "guarded", List.of(column("id", "int64", false)));
        String injection = "id\"; drop table x; --";

        JsonNode response = runs.tryCreateJob(
                "pg_injection",
                assetId,
                "postgresTable",
                Map.of(
                        "url",
                        ItDatabase.url(SOURCE_DATABASE),
                        "user",
                        "postgres",
                        "table",
                        "public.guarded",
                        "columns",
                        List.of("id", injection)));

        assertThat(errorCode(response)).isEqualTo("invalid-input");
        assertThat(message(response)).contains(injection);
        try (Connection source = ItDatabase.connectCreating(SOURCE_DATABASE);
                Statement sql = source.createStatement();
                ResultSet exists = sql.executeQuery("SELECT to_regclass('public.x') IS NOT NULL")) {
            exists.next();
            assertThat(exists.getBoolean(1)).isTrue();
        }
        try (Connection catalog = ItDatabase.connect();
                PreparedStatement count =
                        catalog.prepareStatement("SELECT count(*) FROM lakehouse.ingestion_jobs WHERE name = ?")) {
            count.setString(1, "pg_injection");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }

    private static void insertVital(
            Connection source,
            long id,
            Integer visits,
            String amount,
            String note,
            String measuredAt,
            Boolean active,
            byte[] payload)
            throws SQLException {
        try (PreparedStatement insert =
                source.prepareStatement("INSERT INTO public.vitals VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setObject(2, visits, Types.INTEGER);
            insert.setBigDecimal(3, amount == null ? null : new BigDecimal(amount));
            insert.setString(4, note);
            insert.setObject(
                    5, measuredAt == null ? null : OffsetDateTime.parse(measuredAt), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setObject(6, active, Types.BOOLEAN);
            insert.setBytes(7, payload);
            insert.executeUpdate();
        }
    }

    private String currentSnapshot(String assetId) throws Exception {
        return graphql.data("query($id: ID) { asset(id: $id) { currentSnapshotId } }", Map.of("id", assetId))
                .get("asset")
                .get("currentSnapshotId")
                .asText();
    }

    /** Each node as {@code kind id name}. */
    static List<String> nodes(JsonNode lineage) {
        List<String> nodes = new ArrayList<>();
        lineage.get("nodes")
                .forEach(n -> nodes.add(n.get("kind").asText() + " "
                        + n.get("id").asText() + " " + n.get("name").asText()));
        return nodes;
    }

    /** Each edge as {@code from -> to transformation job <jobId> execution <executionId>}. */
    static List<String> edges(JsonNode lineage) {
        List<String> edges = new ArrayList<>();
        lineage.get("edges")
                .forEach(e ->
                        edges.add(e.get("from").asText() + " -> " + e.get("to").asText() + " "
                                + e.get("transformation").asText() + " job "
                                + e.get("jobId").asText() + " execution "
                                + e.get("executionId").asText()));
        return edges;
    }
}
