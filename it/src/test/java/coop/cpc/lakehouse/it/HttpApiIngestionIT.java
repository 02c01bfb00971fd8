package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static coop.cpc.lakehouse.it.IngestionRuns.listOf;
import static coop.cpc.lakehouse.it.LocalJsonApi.TOKEN;
import static coop.cpc.lakehouse.it.LocalJsonApi.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A paged JSON API on this machine (allow-listed 127.0.0.1) behind a bearer token the server knows
 * only by alias: nested records flattened, a bad value rejected with its reason, each page fetched
 * once; internal addresses refused; the token never shown.
 */
class HttpApiIngestionIT extends DeployedEarFixture {
    private static final String FIRST_PAGE = "(first)";
    /** Page by cursor: records at /data, the next cursor at /meta/next_cursor. */
    private static final Map<String, String> PAGES = Map.of(FIRST_PAGE, """
                    {"data": [{"id": 1, "name": "Ana", "vitals": {"hr": 71, "spo2": 98.5}},
                              {"id": 2, "name": "Bo, \\"the\\" 2nd", "vitals": {"hr": 64}}],
                     "meta": {"next_cursor": "c2"}}""", "c2", """
                    {"data": [{"id": 3, "name": "Zoë", "vitals": {"hr": "fast", "spo2": 97}},
                              {"id": 4, "name": null, "vitals": {"hr": 80, "spo2": 97.25}}],
                     "meta": {"next_cursor": "c3"}}""", "c3", """
                    {"data": [{"id": 5, "name": "Eve ✓", "vitals": {"hr": 55, "spo2": 100.0}, "extra": {"ignored": true}}],
                     "meta": {"next_cursor": null}}""");

    private static final String EMPTY_PAGE = """
                    {"data": [], "meta": {"next_cursor": null}}""";

    private static final List<Map<String, Object>> COLUMNS = List.of(
            column("id", "int64", false),
            column("name", "string", true),
            column("vitals_hr", "int32", true),
            column("vitals_spo2", "decimal(5,2)", true));

    private final Map<String, AtomicInteger> fetches = new TreeMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    /** Once set, the API answers its first page with no records and no next cursor. */
    private volatile boolean emptied;

    @Test
    void pagedRecordsAreFlattenedExactlyAndTheBadOneIsRejectedWithItsReason() throws Exception {
        try (LocalJsonApi api = LocalJsonApi.serve("/data", this::page)) {
            String assetId = runs.createAsset("httpit", "vitals", COLUMNS);
            JsonNode job = runs.createJob(
                    "http_vitals", assetId, "httpApi", api.cursorPagedSource("/meta/next_cursor", "cursor"));
            String jobId = job.get("id").asText();

            JsonNode run = runs.runToCompletion(jobId);

            List<List<String>> expected = List.of(
                    List.of("1", "Ana", "71", "98.50"),
                    listOf("2", "Bo, \"the\" 2nd", "64", null),
                    listOf("4", null, "80", "97.25"),
                    List.of("5", "Eve ✓", "55", "100.00"));
            assertThat(runs.allRows(assetId)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fetchCounts()).isEqualTo(Map.of(FIRST_PAGE, 1, "c2", 1, "c3", 1));
            assertThat(unauthorized.get()).isZero();
            JsonNode read = IngestionRuns.step(run, "read");
            // The rejected record is skipped, neither read nor filtered, on both servers (Liberty's runtime counts it
            // as both: StepMetrics).
            assertThat(read.get("readCount").asLong()).isEqualTo(4);
            assertThat(read.get("skipCount").asLong()).isEqualTo(1);
            assertThat(read.get("filterCount").asLong()).isZero();
            JsonNode after = runs.job(jobId);
            assertThat(after.get("rowsIngested").asLong()).isEqualTo(4);
            assertThat(after.get("errorCount").asLong()).isEqualTo(1);

            assertThat(run.get("rejectsFile").isNull())
                    .as("rejectsFile of %s", run)
                    .isFalse();
            Path rejects = IngestionRuns.storagePath(run.get("rejectsFile").asText());
            assertThat(rejects).exists();
            List<JsonNode> rejected = IngestionRuns.ndjson(rejects);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).get("reason").asText())
                    .contains("vitals_hr")
                    .contains("fast");
            assertThat(rejected.get(0).get("position").asText()).contains("page 2");
            assertThat(rejected.get(0).get("source").asText()).contains("127.0.0.1");
            assertThat(Files.readString(rejects)).doesNotContain(TOKEN);

            assertThat(after.get("sourceConfig").asText())
                    .contains("it_api_token")
                    .doesNotContain(TOKEN);
            assertThat(job.toString() + after + run + runs.executions(jobId)).doesNotContain(TOKEN);

            runs.runToCompletion(jobId);

            assertThat(runs.allRows(assetId)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fetchCounts()).isEqualTo(Map.of(FIRST_PAGE, 2, "c2", 2, "c3", 2));

            // The API has no records any more: the whole extract is empty, so is the asset.
            emptied = true;
            JsonNode emptyRun = runs.runToCompletion(jobId);

            assertThat(emptyRun.get("exitStatus").asText()).startsWith("COMMITTED 0 rows in 1 snapshot(s)");
            assertThat(runs.allRows(assetId)).isEmpty();
        }
    }

    @Test
    void cloudMetadataAndPrivateAddressesAreRefused() throws Exception {
        String assetId = runs.createAsset("httpit", "refused", COLUMNS);

        assertRefused(assetId, "http_metadata", "http://169.254.169.254/latest/meta-data/", "169.254.169.254");
        assertRefused(assetId, "http_private", "http://10.0.0.1/data", "10.0.0.1");
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { currentSnapshotId } }", Map.of("id", assetId))
                        .get("asset")
                        .get("currentSnapshotId")
                        .isNull())
                .isTrue();
    }

    /** Refused either when the job is created (invalid-input) or when it runs (FAILED); both must say so. */
    private void assertRefused(String assetId, String name, String url, String host) throws Exception {
        JsonNode response = runs.tryCreateJob(
                name,
                assetId,
                "httpApi",
                Map.of("url", url, "connectTimeoutSeconds", 2, "readTimeoutSeconds", 2, "maxRetries", 0));
        if (response.has("errors")) {
            assertThat(errorCode(response)).isEqualTo("invalid-input");
            assertThat(message(response)).contains(host).containsIgnoringCase("refused");
            return;
        }
        String jobId = response.get("data").get("createIngestionJob").get("id").asText();
        JsonNode run = runs.awaitEnd(runs.start(jobId));
        assertThat(run.get("batchStatus").asText()).as("%s", run).isEqualTo("FAILED");
        assertThat(run.get("exitStatus").asText()).contains(host).containsIgnoringCase("refused");
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (LocalJsonApi.refusedWithoutToken(exchange)) {
                unauthorized.incrementAndGet();
                return;
            }
            String cursor = FIRST_PAGE;
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String param : query.split("&")) {
                    if (param.startsWith("cursor=")) {
                        cursor = param.substring("cursor=".length());
                    }
                }
            }
            synchronized (fetches) {
                fetches.computeIfAbsent(cursor, c -> new AtomicInteger()).incrementAndGet();
            }
            String body = emptied ? EMPTY_PAGE : PAGES.get(cursor);
            if (body == null) {
                respond(exchange, 400, "{\"error\": \"unknown cursor\"}");
            } else {
                respond(exchange, 200, body);
            }
        }
    }

    private Map<String, Integer> fetchCounts() {
        synchronized (fetches) {
            Map<String, Integer> counts = new TreeMap<>();
            fetches.forEach((cursor, n) -> counts.put(cursor, n.get()));
            return counts;
        }
    }
}
