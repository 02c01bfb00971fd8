package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A slow JSON API on this machine: four pages of one record, each answered after 50 s. One chunk of the
 * default 10,000 rows would take 200 s, past the batch runtimes' default chunk transaction timeout of
 * 180 s, and fail at commit on every run. The job's step sets a bounded timeout of its own (900 s), so the
 * run completes (docs/ingestion-jobs.md, "A slow source").
 */
class SlowHttpApiIngestionIT extends DeployedEarFixture {
    private static final long PAGE_DELAY_MILLIS = 50_000;
    private static final int PAGES = 4;

    @Test
    void aChunkSlowerThanTheRuntimesDefaultTransactionTimeoutCompletes() throws Exception {
        try (LocalJsonApi api = LocalJsonApi.serve("/slow", SlowHttpApiIngestionIT::slowPage)) {
            String assetId = runs.createAsset("slowhttpit", "ids", List.of(column("id", "int64", false)));
            Map<String, Object> source = api.cursorPagedSource("/next", "page");
            source.put("readTimeoutSeconds", 120);
            JsonNode job = runs.createJob("slow_http_ids", assetId, "httpApi", source);

            JsonNode run = runs.awaitEnd(runs.start(job.get("id").asText()), Duration.ofSeconds(480));

            assertThat(run.get("batchStatus").asText())
                    .as("exitStatus %s of %s", run.get("exitStatus"), run)
                    .isEqualTo("COMPLETED");
            assertThat(runs.allRows(assetId))
                    .containsExactlyInAnyOrder(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
        }
    }

    private static void slowPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (LocalJsonApi.refusedWithoutToken(exchange)) {
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            int page = query != null && query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1;
            try {
                Thread.sleep(PAGE_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String next = page < PAGES ? "\"" + (page + 1) + "\"" : "null";
            LocalJsonApi.respond(exchange, 200, "{\"data\": [{\"id\": " + page + "}], \"next\": " + next + "}");
        }
    }
}
