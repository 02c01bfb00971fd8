package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's execution list: every job's runs filtered on the server, paged, and abandoning a stopped run. */
class ExecutionSearchIT extends DeployedEarFixture {
    private static final String DATABASE = "search_sources";
    private static final String SEARCH = "query($filter: ExecutionFilterInput, $first: Int!, $after: String) { "
            + "executions(filter: $filter, first: $first, after: $after) { nodes { executionId jobId batchStatus } "
            + "pageInfo { hasNextPage endCursor } } }";

    @Test
    void filtersByJobStatusTimeAndIdPagesAndAbandonsAStoppedRun() throws Exception {
        try (Connection source = ItDatabase.connectCreating(DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public.few");
            sql.execute("CREATE TABLE public.few (id bigint PRIMARY KEY)");
            sql.execute("INSERT INTO public.few SELECT g FROM generate_series(1, 20) g");
            sql.execute("DROP TABLE IF EXISTS public.many");
            sql.execute("CREATE TABLE public.many (id bigint PRIMARY KEY)");
            sql.execute("INSERT INTO public.many SELECT g FROM generate_series(1, 60000) g");
        }
        Instant before = Instant.now().minusSeconds(1);
        String fewAsset = runs.createAsset("search", "few", List.of(column("id", "int64", false)));
        String manyAsset = runs.createAsset("search", "many", List.of(column("id", "int64", false)));
        String few = job("search few", fewAsset, "public.few");
        String many = job("search many", manyAsset, "public.many");
        List<String> fewRuns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fewRuns.add(runs.runToCompletion(few).get("executionId").asText());
        }
        String stopped = runs.start(many);
        awaitRows(stopped);
        graphql.data(
                "mutation($id: ID!) { stopJobExecution(executionId: $id) { executionId } }", Map.of("id", stopped));
        assertThat(runs.awaitEnd(stopped).get("batchStatus").asText()).isEqualTo("STOPPED");

        List<String> ofFew = ids(search(Map.of("jobId", few), 10));
        JsonNode firstPage = search(Map.of("jobId", few), 2);
        JsonNode secondPage = graphql.data(
                        SEARCH,
                        Map.of(
                                "filter",
                                Map.of("jobId", few),
                                "first",
                                2,
                                "after",
                                firstPage.get("pageInfo").get("endCursor").asText()))
                .get("executions");
        List<String> stoppedOnes = ids(search(Map.of("status", "STOPPED", "from", before.toString()), 10));
        List<String> one = ids(search(Map.of("executionId", fewRuns.get(1)), 10));
        List<String> future =
                ids(search(Map.of("from", Instant.now().plusSeconds(3600).toString()), 10));
        JsonNode badStatus = graphql.execute(SEARCH, Map.of("filter", Map.of("status", "SLEEPING"), "first", 10));

        assertThat(ofFew).containsExactly(fewRuns.get(2), fewRuns.get(1), fewRuns.get(0));
        assertThat(ids(firstPage)).containsExactly(fewRuns.get(2), fewRuns.get(1));
        assertThat(firstPage.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
        assertThat(ids(secondPage)).containsExactly(fewRuns.get(0));
        assertThat(secondPage.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
        assertThat(stoppedOnes).containsExactly(stopped);
        assertThat(one).containsExactly(fewRuns.get(1));
        assertThat(future).isEmpty();
        assertThat(errorCode(badStatus)).isEqualTo("invalid-input");

        JsonNode abandonCompleted = graphql.execute(
                "mutation($id: ID!) { abandonJobExecution(executionId: $id) { batchStatus } }",
                Map.of("id", fewRuns.get(0)));
        JsonNode abandoned = graphql.data(
                        "mutation($id: ID!) { abandonJobExecution(executionId: $id) { batchStatus } }",
                        Map.of("id", stopped))
                .get("abandonJobExecution");
        JsonNode restartAbandoned = graphql.execute(
                "mutation($id: ID!) { restartJobExecution(executionId: $id) { executionId } }", Map.of("id", stopped));
        JsonNode viewerSearch = graphql.as("viewer").execute(SEARCH, Map.of("first", 1));

        assertThat(errorCode(abandonCompleted)).isEqualTo("job-state");
        assertThat(abandoned.get("batchStatus").asText()).isEqualTo("ABANDONED");
        assertThat(errorCode(restartAbandoned)).isEqualTo("job-state");
        assertThat(errorCode(viewerSearch)).isEqualTo("forbidden");
    }

    private String job(String name, String assetId, String table) throws Exception {
        return runs.createTableJob(name, assetId, 100, DATABASE, table);
    }

    private JsonNode search(Map<String, Object> filter, int first) throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("filter", filter);
        variables.put("first", first);
        return graphql.data(SEARCH, variables).get("executions");
    }

    private static List<String> ids(JsonNode connection) {
        List<String> ids = new ArrayList<>();
        connection.get("nodes").forEach(n -> ids.add(n.get("executionId").asText()));
        return ids;
    }

    private void awaitRows(String executionId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            JsonNode execution = runs.execution(executionId);
            if (execution.get("steps").size() > 0
                    && IngestionRuns.step(execution, "read").get("readCount").asLong() > 0) {
                return;
            }
            assertThat(execution.get("batchStatus").asText()).isIn("STARTING", "STARTED");
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
