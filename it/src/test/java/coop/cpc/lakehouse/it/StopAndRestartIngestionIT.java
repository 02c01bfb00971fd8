package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator stops a run at a checkpoint and restarts it: the asset gets every source row once. */
class StopAndRestartIngestionIT extends DeployedEarFixture {
    private static final String DATABASE = "stop_sources";
    private static final int ROWS = 60_000;

    @Test
    void aStoppedRunRestartsFromItsCheckpointAndCommitsEveryRowOnce() throws Exception {
        try (Connection source = sources();
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public.events");
            sql.execute("CREATE TABLE public.events (id bigint PRIMARY KEY, label text)");
            sql.execute("INSERT INTO public.events SELECT g, 'event ' || g FROM generate_series(1, " + ROWS + ") g");
        }
        String assetId = runs.createAsset(
                "stopit", "events", List.of(column("id", "int64", false), column("label", "string", true)));
        String jobId = runs.createTableJob("stoppable", assetId, 500, DATABASE, "public.events");

        String first = runs.start(jobId);
        awaitCommits(first, 3);
        JsonNode secondStart = graphql.execute(
                "mutation($id: ID!) { startIngestionJob(id: $id) { executionId } }", Map.of("id", jobId));
        JsonNode deleteWhileRunning =
                graphql.execute("mutation($id: ID!) { deleteIngestionJob(id: $id) }", Map.of("id", jobId));
        graphql.data("mutation($id: ID!) { stopJobExecution(executionId: $id) { executionId } }", Map.of("id", first));
        JsonNode stopped = runs.awaitEnd(first);

        assertThat(errorCode(secondStart)).isEqualTo("job-state");
        assertThat(errorCode(deleteWhileRunning)).isEqualTo("job-state");
        assertThat(GraphQlClient.message(deleteWhileRunning))
                .isEqualTo(
                        "ingestion job stoppable is running (execution " + first + "); stop it or wait for it to end");
        assertThat(stopped.get("batchStatus").asText()).isEqualTo("STOPPED");
        assertThat(runs.job(jobId).get("status").asText()).isEqualTo("CANCELLED");
        long readBeforeStop =
                IngestionRuns.step(stopped, "read").get("writeCount").asLong();
        assertThat(readBeforeStop).isLessThan(ROWS);

        JsonNode restart = graphql.data(
                        "mutation($id: ID!) { restartJobExecution(executionId: $id) { executionId status trigger restartOf } }",
                        Map.of("id", first))
                .get("restartJobExecution");
        JsonNode done = runs.awaitEnd(restart.get("executionId").asText());

        assertThat(restart.get("trigger").asText()).isEqualTo("RESTART");
        assertThat(restart.get("status").asText()).isIn("STARTING", "STARTED", "COMPLETED");
        assertThat(restart.get("restartOf").asText()).isEqualTo(first);
        assertThat(done.get("batchStatus").asText()).as("%s", done).isEqualTo("COMPLETED");
        JsonNode job = runs.job(jobId);
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("rowsIngested").asLong()).isEqualTo(ROWS);
        JsonNode asset = graphql.data(
                        "query($id: ID) { asset(id: $id) { rowCount snapshots { sequenceNumber } } }",
                        Map.of("id", assetId))
                .get("asset");
        assertThat(asset.get("rowCount").asLong()).isEqualTo(ROWS);
        assertThat(asset.get("snapshots")).hasSize(1);
        JsonNode aroundTheStop = graphql.data(
                        "query($id: ID) { asset(id: $id) { rows(columns: [\"id\"], where: "
                                + "[{column: \"id\", op: IN, values: [\"1\", \"" + (readBeforeStop + 1) + "\", \""
                                + ROWS + "\"]}], first: 10) "
                                + "{ rows { values } } } }",
                        Map.of("id", assetId))
                .get("asset")
                .get("rows")
                .get("rows");
        assertThat(aroundTheStop).hasSize(3);
    }

    private void awaitCommits(String executionId, long commits) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            JsonNode execution = runs.execution(executionId);
            JsonNode read = execution.get("steps").size() == 0 ? null : IngestionRuns.step(execution, "read");
            if (read != null && read.get("commitCount").asLong() >= commits) {
                return;
            }
            assertThat(execution.get("batchStatus").asText())
                    .as("the run ended before it could be stopped: %s", execution)
                    .isIn("STARTING", "STARTED");
            assertThat(Instant.now())
                    .as("no %d commits within 120 s: %s", commits, execution)
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The source database, created in the tests' PostgreSQL on first use. */
    private static Connection sources() throws SQLException {
        return ItDatabase.connectCreating(DATABASE);
    }
}
