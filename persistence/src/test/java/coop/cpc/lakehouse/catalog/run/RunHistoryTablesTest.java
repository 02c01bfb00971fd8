package coop.cpc.lakehouse.catalog.run;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.EmbeddedCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the run history purge finds ended in JBeret's job repository (its table, on a real PostgreSQL). */
class RunHistoryTablesTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant OLD = NOW.minus(Duration.ofDays(100));
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));

    private static EmbeddedCatalog catalog;
    private static DataSource database;

    @BeforeAll
    static void startPostgres() throws Exception {
        catalog = EmbeddedCatalog.start();
        database = catalog.newDatabase();
        try (Connection db = database.getConnection();
                Statement ddl = db.createStatement()) {
            // The columns of JBeret's job_execution the purge reads.
            ddl.execute("CREATE TABLE public.job_instance (jobinstanceid BIGINT PRIMARY KEY)");
            ddl.execute("CREATE TABLE public.job_execution (jobexecutionid BIGINT PRIMARY KEY, jobinstanceid BIGINT"
                    + " NOT NULL, endtime TIMESTAMP, lastupdatedtime TIMESTAMP, batchstatus VARCHAR(30))");
            ddl.execute("CREATE SCHEMA lakehouse");
            ddl.execute("CREATE TABLE lakehouse.ingestion_runs (job_id UUID, job_instance_id BIGINT NOT NULL,"
                    + " execution_id BIGINT PRIMARY KEY)");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        catalog.close();
    }

    @Test
    void anInterruptedExecutionJBeretMarkedFailedOnItsRestartEndedThenAndAnInterruptedOneWaitingHasNotEnded()
            throws Exception {
        // Instance 1: killed mid-run, restarted 100 days ago (JBeret marked it FAILED without an end time), completed.
        execution(11, 1, null, OLD, "FAILED");
        execution(12, 1, OLD, OLD, "COMPLETED");
        // Instance 2: killed mid-run 100 days ago, never restarted: it still waits for its restart.
        execution(21, 2, null, OLD, "STARTED");
        // Instance 3: restarted after its interruption yesterday.
        execution(31, 3, null, NOW.minus(Duration.ofDays(1)), "FAILED");
        execution(32, 3, OLD, OLD, "COMPLETED");

        try (RunHistoryTables tables = RunHistoryTables.on(database.getConnection())) {
            assertThat(tables.endedInstances(0, CUTOFF, 10))
                    .containsExactlyInAnyOrder(
                            new RecordedExecution(11, 1, "FAILED", OLD),
                            new RecordedExecution(12, 1, "COMPLETED", OLD));
        }
    }

    @Test
    void aPurgeNamesTheIngestionRunsItDeletedSoTheirRejectsFilesCanGo() throws Exception {
        UUID job = UUID.randomUUID();
        try (Connection db = database.getConnection();
                Statement insert = db.createStatement()) {
            insert.execute("INSERT INTO public.job_instance VALUES (100), (101)");
            insert.execute("INSERT INTO lakehouse.ingestion_runs VALUES ('" + job + "', 100, 1000), ('" + job
                    + "', 100, 1001), ('" + job + "', 101, 1010)");
        }

        try (RunHistoryTables tables = RunHistoryTables.on(database.getConnection())) {
            assertThat(tables.delete(Set.of(100L)))
                    .containsExactlyInAnyOrder(new PurgedRun(job, 1000), new PurgedRun(job, 1001));
            assertThat(tables.delete(Set.of())).isEmpty();
        }
        try (Connection db = database.getConnection();
                Statement select = db.createStatement();
                ResultSet left = select.executeQuery("SELECT execution_id FROM lakehouse.ingestion_runs")) {
            assertThat(left.next()).isTrue();
            assertThat(left.getLong(1)).isEqualTo(1010);
            assertThat(left.next()).isFalse();
        }
    }

    private static void execution(long id, long instance, Instant ended, Instant lastUpdated, String status)
            throws Exception {
        try (Connection db = database.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO public.job_execution"
                        + " (jobexecutionid, jobinstanceid, endtime, lastupdatedtime, batchstatus)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, instance);
            insert.setTimestamp(3, ended == null ? null : Timestamp.from(ended));
            insert.setTimestamp(4, Timestamp.from(lastUpdated));
            insert.setString(5, status);
            insert.executeUpdate();
        }
    }
}
