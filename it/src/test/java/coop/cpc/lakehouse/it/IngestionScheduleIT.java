package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules of ingestion jobs: an interval gives the next run time and its timer starts a run; expressions that are
 * not schedules are refused; a scheduled job is deleted with its runs.
 */
class IngestionScheduleIT extends DeployedEarFixture {
    @Test
    void intervalScheduleSetsTheNextRunWithinTheInterval() throws Exception {
        String assetId = runs.createAsset("scheduleit", "every_minute", List.of(column("id", "int64", false)));
        Map<String, Object> source = Map.of(
                "directory", IngestionRuns.freshFolder("drop", "every_minute").toString(), "glob", "*.csv");
        Instant before = Instant.now();

        JsonNode job = runs.createJob(scheduledFileDrop("every_minute", assetId, source, "INTERVAL", "PT1M"));

        assertThat(job.get("schedule").asText()).isEqualTo("INTERVAL");
        assertThat(job.get("scheduleExpression").asText()).isEqualTo("PT1M");
        assertThat(job.get("nextRunAt").isNull()).as("nextRunAt of %s", job).isFalse();
        Instant nextRun = OffsetDateTime.parse(job.get("nextRunAt").asText()).toInstant();
        assertThat(nextRun).isAfter(Instant.now()).isBeforeOrEqualTo(before.plus(Duration.ofSeconds(61)));
        assertThat(runs.job(job.get("id").asText()).get("nextRunAt").asText())
                .isEqualTo(job.get("nextRunAt").asText());

        // Back to manual, so that no scheduled run fires while the other tests use the server.
        JsonNode manual = graphql.data(
                        "mutation($id: ID!, $input: IngestionJobUpdateInput!) { updateIngestionJob(id: $id, input: $input) "
                                + "{ schedule nextRunAt version } }",
                        Map.of(
                                "id",
                                job.get("id").asText(),
                                "input",
                                Map.of("expectedVersion", job.get("version").asLong(), "schedule", "MANUAL")))
                .get("updateIngestionJob");
        assertThat(manual.get("schedule").asText()).isEqualTo("MANUAL");
        assertThat(manual.get("nextRunAt").isNull()).isTrue();
        assertThat(manual.get("version").asLong()).isEqualTo(job.get("version").asLong() + 1);
    }

    /**
     * The schedule's timer fires and starts a run of its own (persistent EJB timers: WildFly's timer service,
     * Liberty's {@code ejbtimer_*} tables), which ingests the drop folder as a manual run would.
     */
    @Test
    void anIntervalScheduleStartsARunOfItsOwnThatIngestsTheDrop() throws Exception {
        String assetId = runs.createAsset("scheduleit", "fired", List.of(column("id", "int64", false)));
        Path drop = IngestionRuns.freshFolder("drop", "fired");
        Files.writeString(drop.resolve("a.csv"), "id\n1\n2\n");
        String jobId = runs.createJob(scheduledFileDrop(
                        "fired", assetId, Map.of("directory", drop.toString(), "glob", "*.csv"), "INTERVAL", "PT1M"))
                .get("id")
                .asText();
        try {
            // The first run is due a minute after the job was created.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
            List<JsonNode> fired = runs.executions(jobId);
            while (fired.isEmpty()) {
                assertThat(Instant.now())
                        .as("a scheduled run of job %s started", jobId)
                        .isBefore(deadline);
                Thread.sleep(1000);
                fired = runs.executions(jobId);
            }
            JsonNode run = runs.awaitEnd(fired.get(0).get("executionId").asText());

            assertThat(run.get("trigger").asText()).isEqualTo("SCHEDULE");
            assertThat(run.get("batchStatus").asText()).as("%s", run).isEqualTo("COMPLETED");
            assertThat(runs.allRows(assetId)).containsExactlyInAnyOrder(List.of("1"), List.of("2"));
        } finally {
            backToManual(jobId);
        }
    }

    /**
     * A tick that starts no run (here: the job's target asset was deleted) is the job's {@code lastMissedTick}, with
     * the server log's reason, until a run of the job starts: an operator sees it in GraphQL, not only in the log.
     */
    @Test
    void aTickSkippedForALostTargetIsShownOnTheJobUntilARunStarts() throws Exception {
        String assetId = runs.createAsset("scheduleit", "lost_target", List.of(column("id", "int64", false)));
        Path drop = IngestionRuns.freshFolder("drop", "lost_target");
        String jobId = runs.createJob(scheduledFileDrop(
                        "lost_target",
                        assetId,
                        Map.of("directory", drop.toString(), "glob", "*.csv"),
                        "INTERVAL",
                        "PT1M"))
                .get("id")
                .asText();
        Instant created = Instant.now();
        try {
            assertThat(missedTick(jobId).isNull()).as("no tick yet").isTrue();
            graphql.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", assetId));

            // The first tick is due a minute after the job was created.
            Instant deadline = created.plus(Duration.ofSeconds(150));
            JsonNode missed = missedTick(jobId);
            while (missed.isNull()) {
                assertThat(Instant.now())
                        .as("a skipped tick of job %s shown", jobId)
                        .isBefore(deadline);
                Thread.sleep(1000);
                missed = missedTick(jobId);
            }

            assertThat(missed.get("outcome").asText()).isEqualTo("SKIPPED");
            assertThat(missed.get("reason").asText())
                    .isEqualTo("ingestion job lost_target has no target asset (it was deleted); give it one with"
                            + " updateIngestionJob before starting it");
            assertThat(OffsetDateTime.parse(missed.get("at").asText()).toInstant())
                    .isAfter(created.plus(Duration.ofSeconds(50)))
                    .isBeforeOrEqualTo(Instant.now());
            assertThat(runs.executions(jobId)).as("no run").isEmpty();

            // A new target, then a run started by hand: the skipped tick is history.
            String target = runs.createAsset("scheduleit", "found_target", List.of(column("id", "int64", false)));
            graphql.data(
                    "mutation($id: ID!, $input: IngestionJobUpdateInput!) { updateIngestionJob(id: $id, input: $input)"
                            + " { id } }",
                    Map.of(
                            "id",
                            jobId,
                            "input",
                            Map.of(
                                    "expectedVersion",
                                    runs.job(jobId).get("version").asLong(),
                                    "targetAssetId",
                                    target)));
            assertThat(missedTick(jobId).get("outcome").asText())
                    .as("kept by an update that leaves the schedule")
                    .isEqualTo("SKIPPED");
            String execution = runs.start(jobId);

            assertThat(missedTick(jobId).isNull())
                    .as("cleared by the run that started")
                    .isTrue();
            runs.awaitEnd(execution);
        } finally {
            backToManual(jobId);
        }
    }

    /** Puts the job back on a manual schedule, so that no further tick fires while the other tests use the server. */
    private void backToManual(String jobId) throws Exception {
        graphql.data(
                "mutation($id: ID!, $input: IngestionJobUpdateInput!) { updateIngestionJob(id: $id, input: $input) "
                        + "{ schedule } }",
                Map.of(
                        "id",
                        jobId,
                        "input",
                        Map.of("expectedVersion", runs.job(jobId).get("version").asLong(), "schedule", "MANUAL")));
    }

    /** The job's last tick that started no run (at, outcome, reason), or a null node. */
    private JsonNode missedTick(String jobId) throws Exception {
        return graphql.data(
                        "query($id: ID!) { ingestionJob(id: $id) { lastMissedTick { at outcome reason } } }",
                        Map.of("id", jobId))
                .get("ingestionJob")
                .get("lastMissedTick");
    }

    @Test
    void cronWithAnOutOfRangeMinuteAndIntervalsUnderAMinuteAreInvalidInput() throws Exception {
        String assetId = runs.createAsset("scheduleit", "refused", List.of(column("id", "int64", false)));
        Map<String, Object> source =
                Map.of("directory", IngestionRuns.freshFolder("drop", "refused").toString(), "glob", "*.csv");

        JsonNode cron = runs.tryCreateJob(scheduledFileDrop("bad_cron", assetId, source, "CRON", "61 * * * *"));
        JsonNode interval = runs.tryCreateJob(scheduledFileDrop("too_often", assetId, source, "INTERVAL", "PT30S"));

        assertThat(errorCode(cron)).isEqualTo("invalid-input");
        assertThat(message(cron)).contains("61").containsAnyOf("minute", "scheduleExpression");
        assertThat(errorCode(interval)).isEqualTo("invalid-input");
        assertThat(message(interval)).contains("PT30S");
    }

    @Test
    void aDeletedJobGoesWithItsRunsAndRejectsFilesWhileItsAssetStays() throws Exception {
        String assetId = runs.createAsset("scheduleit", "deleted_job", List.of(column("id", "int64", false)));
        Path drop = IngestionRuns.freshFolder("drop", "deleted_job");
        Files.writeString(drop.resolve("a.csv"), "id\nabc\n");
        Map<String, Object> job = new java.util.HashMap<>(scheduledFileDrop(
                "deleted_job", assetId, Map.of("directory", drop.toString(), "glob", "*.csv"), "INTERVAL", "PT1H"));
        job.put("maxErrors", 0);
        String jobId = runs.createJob(job).get("id").asText();

        // maxErrors 0 and one bad record: the run fails on it, and it is in the rejects file (hunt-long #7).
        JsonNode failed = runs.awaitEnd(runs.start(jobId));
        assertThat(failed.get("batchStatus").asText()).isEqualTo("FAILED");
        assertThat(failed.get("exitStatus").asText()).contains("more than 0 records rejected (max_errors)");
        assertThat(failed.get("rejectsFile").isNull())
                .as("rejectsFile of %s", failed)
                .isFalse();
        Path rejects = IngestionRuns.storagePath(failed.get("rejectsFile").asText());
        assertThat(IngestionRuns.ndjson(rejects)).hasSize(1);

        JsonNode deleted = graphql.data("mutation($id: ID!) { deleteIngestionJob(id: $id) }", Map.of("id", jobId));

        assertThat(deleted.get("deleteIngestionJob").asText()).isEqualTo(jobId);
        JsonNode gone = graphql.execute("query($id: ID!) { ingestionJob(id: $id) { id } }", Map.of("id", jobId));
        assertThat(errorCode(gone)).isEqualTo("unknown-ingestion-job");
        JsonNode again = graphql.execute("mutation($id: ID!) { deleteIngestionJob(id: $id) }", Map.of("id", jobId));
        assertThat(errorCode(again)).isEqualTo("unknown-ingestion-job");
        assertThat(rejects.getParent().getParent()).as("_runs/<job id>").doesNotExist();
        assertThat(count("SELECT count(*) FROM lakehouse.ingestion_runs WHERE job_id = ?::uuid", jobId))
                .isZero();
        assertThat(runs.allRows(assetId)).as("the asset stays").isEmpty();
        assertThat(count(
                        "SELECT count(*) FROM lakehouse.audit_logs WHERE action = 'DELETE'"
                                + " AND resource_type = 'ingestion_job' AND resource_id = ? AND outcome = 'SUCCESS'",
                        jobId))
                .as("the delete's audit entry")
                .isEqualTo(1);
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection db = ItDatabase.connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The input of a file-drop job on a schedule. */
    private static Map<String, Object> scheduledFileDrop(
            String name, String assetId, Map<String, Object> source, String schedule, String expression) {
        return Map.of(
                "name",
                name,
                "targetAssetId",
                assetId,
                "fileDrop",
                source,
                "schedule",
                schedule,
                "scheduleExpression",
                expression);
    }
}
