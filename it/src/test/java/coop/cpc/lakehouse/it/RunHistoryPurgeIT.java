package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The run history purge on WildFly: a run that ended more than job_history_retention_days (90) ago goes from the
 * catalog's ingestion_runs and from JBeret's job repository; a recent run, the newest run of a job however old, and
 * an old FAILED run that is not its job's newest (it can be restarted), stay; the purged run's rejects file goes
 * with it. The runs' end times are set back in
 * JBeret's table, as 100 days would have done, and the FAILED status is set there too (a file drop that fails
 * reliably would need a broken folder).
 */
@DisabledIfSystemProperty(
        named = "arquillian.launch",
        matches = "liberty",
        disabledReason = "WildFly only: Open Liberty's run history is not purged, and JMX remoting is WildFly's")
class RunHistoryPurgeIT extends DeployedEarFixture {
    private static final String JMX_USER = "lakehouse-jmx-history-it";
    private static final String JMX_PASSWORD = "Jmx-history-it-7c2e!";

    @Test
    void anOldFinishedRunIsPurgedFromTheCatalogAndTheJobRepositoryWhileRecentAndNewestRunsStay() throws Exception {
        String assetId = runs.createAsset("historyit", "visits", List.of(column("id", "int64", false)));
        Path drop = IngestionRuns.freshFolder("drop", "history_visits");
        String jobId = runs.createJob(
                        "history visits", assetId, "fileDrop", Map.of("directory", drop.toString(), "glob", "*.csv"))
                .get("id")
                .asText();
        // Each with a rejected record: the old run's rejects file goes with it, the recent one's stays.
        Files.writeString(drop.resolve("a.csv"), "id\n1\nnot-a-number\n");
        String old = completed(runs.start(jobId));
        Files.writeString(drop.resolve("c.csv"), "id\n3\n");
        String failedOld = completed(runs.start(jobId));
        Files.writeString(drop.resolve("b.csv"), "id\n2\nnot-a-number\n");
        String recent = completed(runs.start(jobId));
        String otherAsset = runs.createAsset("historyit", "other", List.of(column("id", "int64", false)));
        Path otherDrop = IngestionRuns.freshFolder("drop", "history_other");
        String otherJob = runs.createJob(
                        "history other",
                        otherAsset,
                        "fileDrop",
                        Map.of("directory", otherDrop.toString(), "glob", "*.csv"))
                .get("id")
                .asText();
        String newestOfItsJob = completed(runs.start(otherJob));
        String oldInstance = instanceOf(old);
        endedDaysAgo(100, old, failedOld, newestOfItsJob);
        // A FAILED run, neither its job's newest nor its newest committed one: it can be restarted, so it stays.
        try (Connection db = ItDatabase.connect();
                PreparedStatement fail = db.prepareStatement("UPDATE public.job_execution SET batchstatus = 'FAILED',"
                        + " exitstatus = 'FAILED' WHERE jobexecutionid = ?")) {
            fail.setLong(1, Long.parseLong(failedOld));
            assertThat(fail.executeUpdate()).isEqualTo(1);
        }

        Path oldRejects = rejectsFile(old);
        Path recentRejects = rejectsFile(recent);

        String report = purgeOverJmx();

        assertThat(report).startsWith("Run history purge: removed 1 job instance(s)");
        assertThat(ItDatabase.rows(
                        "SELECT execution_id FROM lakehouse.ingestion_runs WHERE job_id IN (?::uuid, ?::uuid)"
                                + " ORDER BY execution_id",
                        jobId,
                        otherJob))
                .containsExactly(List.of(failedOld), List.of(recent), List.of(newestOfItsJob));
        assertThat(ItDatabase.rows(
                        "SELECT batchstatus FROM public.job_execution WHERE jobexecutionid = ?::bigint", failedOld))
                .containsExactly(List.of("FAILED"));
        assertThat(ItDatabase.rows(
                        "SELECT jobexecutionid FROM public.job_execution WHERE jobexecutionid = ?::bigint", old))
                .isEmpty();
        assertThat(ItDatabase.rows(
                        "SELECT jobinstanceid FROM public.job_instance WHERE jobinstanceid = ?::bigint", oldInstance))
                .isEmpty();
        assertThat(ItDatabase.rows("SELECT count(*) FROM public.step_execution WHERE jobexecutionid = ?::bigint", old))
                .containsExactly(List.of("0"));
        assertThat(runs.executions(jobId))
                .extracting(e -> e.get("executionId").asText())
                .containsExactly(recent, failedOld);
        assertThat(runs.execution(newestOfItsJob).get("batchStatus").asText()).isEqualTo("COMPLETED");
        assertThat(oldRejects)
                .as("the purged run's rejects file, which no query reaches any more")
                .doesNotExist();
        assertThat(oldRejects.getParent()).doesNotExist();
        assertThat(recentRejects).exists();
        assertThat(runs.allRows(assetId))
                .as("the purge deletes history, not data")
                .hasSize(3);
        assertThat(ItDatabase.rows("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE"
                        + " 'lakehouse\\_%' ORDER BY indexname"))
                .as("the cascades of JBeret's foreign keys are indexed")
                .extracting(row -> row.get(0).replaceAll(" USING btree", ""))
                .containsExactly(
                        "CREATE INDEX lakehouse_job_execution_instance_idx ON public.job_execution"
                                + " (jobinstanceid)",
                        "CREATE INDEX lakehouse_partition_execution_step_idx ON public.partition_execution"
                                + " (stepexecutionid)",
                        "CREATE INDEX lakehouse_step_execution_execution_idx ON public.step_execution"
                                + " (jobexecutionid)");
        assertThat(ItDatabase.rows("SELECT action, outcome FROM lakehouse.audit_logs WHERE resource_type ="
                        + " 'job_execution' AND action = 'DELETE' ORDER BY id DESC LIMIT 1"))
                .containsExactly(List.of("DELETE", "SUCCESS"));
    }

    private String completed(String executionId) throws Exception {
        JsonNode ended = runs.awaitEnd(executionId);
        assertThat(ended.get("batchStatus").asText()).as("%s", ended).isEqualTo("COMPLETED");
        return executionId;
    }

    private Path rejectsFile(String executionId) throws Exception {
        JsonNode run = runs.execution(executionId);
        Path file = IngestionRuns.storagePath(run.get("rejectsFile").asText());
        assertThat(file).as("rejects file of %s", run).exists();
        return file;
    }

    private static String instanceOf(String executionId) throws Exception {
        return ItDatabase.rows(
                        "SELECT jobinstanceid FROM public.job_execution WHERE jobexecutionid = ?::bigint", executionId)
                .get(0)
                .get(0);
    }

    /** Sets the executions' times in JBeret's table back by that many days. */
    private static void endedDaysAgo(int days, String... executionIds) throws Exception {
        try (Connection db = ItDatabase.connect();
                PreparedStatement update = db.prepareStatement("UPDATE public.job_execution SET"
                        + " createtime = createtime - make_interval(days => ?),"
                        + " starttime = starttime - make_interval(days => ?),"
                        + " endtime = endtime - make_interval(days => ?),"
                        + " lastupdatedtime = lastupdatedtime - make_interval(days => ?)"
                        + " WHERE jobexecutionid = ?")) {
            for (String executionId : executionIds) {
                for (int i = 1; i <= 4; i++) {
                    update.setInt(i, days);
                }
                update.setLong(5, Long.parseLong(executionId));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static String purgeOverJmx() throws Exception {
        ObservabilityIT.addManagementUser(JMX_USER, JMX_PASSWORD);
        JMXServiceURL url = new JMXServiceURL(
                "service:jmx:remote+http://localhost:" + System.getProperty("lakehouse.it.management.port", "10090"));
        try (JMXConnector connector = JMXConnectorFactory.connect(
                url, Map.of(JMXConnector.CREDENTIALS, new String[] {JMX_USER, JMX_PASSWORD}))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            return (String) server.invoke(
                    new ObjectName("coop.cpc.lakehouse:type=Ingestion"),
                    "purgeRunHistory",
                    new Object[0],
                    new String[0]);
        }
    }
}
