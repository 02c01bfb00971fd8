package coop.cpc.lakehouse.batch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.batch.jberet.InterruptedExecutions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's SQL on JBeret's job repository, on a real PostgreSQL with the tables as JBeret's own DDL makes them
 * ({@code sql/jberet-postgresql.ddl} of jberet-core 3.1: times are TIMESTAMPTZ, a batch status its name) and the
 * catalog's tables it joins (their columns as the catalog's migrations make them).
 */
class InterruptedExecutionRegistrySqlTest {
    private static final UUID JOB = UUID.randomUUID();
    private static final UUID OTHER_JOB = UUID.randomUUID();
    private static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-12-01T10:00:00Z");

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    private final List<UUID> failedJobs = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        // As EmbeddedCatalog (persistence's tests) starts it: zonky turns synchronous_commit off, the server has it on.
        // The database's time zone is not the JVM's (UTC+14 is no one's default): an end time must not shift with it.
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("timezone", "Pacific/Kiritimati")
                .start();
        database = postgres.getPostgresDatabase();
        try (Connection db = database.getConnection();
                Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE public.job_instance (jobinstanceid BIGSERIAL NOT NULL PRIMARY KEY,"
                    + " version INTEGER, jobname VARCHAR(512), applicationname VARCHAR(512))");
            ddl.execute("CREATE TABLE public.job_execution (jobexecutionid BIGSERIAL NOT NULL PRIMARY KEY,"
                    + " jobinstanceid BIGINT NOT NULL, version INTEGER, createtime TIMESTAMPTZ, starttime TIMESTAMPTZ,"
                    + " endtime TIMESTAMPTZ, lastupdatedtime TIMESTAMPTZ, batchstatus VARCHAR(30),"
                    + " exitstatus VARCHAR(512), jobparameters VARCHAR(3000), restartposition VARCHAR(255),"
                    + " CONSTRAINT fk_job_execution_job_instance FOREIGN KEY (jobinstanceid)"
                    + " REFERENCES job_instance (jobinstanceid) ON DELETE CASCADE)");
            ddl.execute("CREATE SCHEMA lakehouse");
            ddl.execute("CREATE TABLE lakehouse.ingestion_runs (execution_id BIGINT PRIMARY KEY,"
                    + " job_instance_id BIGINT NOT NULL, job_id UUID NOT NULL)");
            ddl.execute("CREATE TABLE lakehouse.job_repository_owner (singleton boolean NOT NULL DEFAULT true"
                    + " PRIMARY KEY CHECK (singleton), server_kind text NOT NULL)");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection db = database.getConnection();
                Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE lakehouse.ingestion_runs, lakehouse.job_repository_owner, public.job_instance"
                    + " CASCADE");
        }
    }

    @Test
    void theExecutionsARunningStatusWasLeftOnAreFoundInterruptedAndTheirJobsFailed() throws Exception {
        execution(1, JOB, "STARTED", null);
        execution(2, JOB, "COMPLETED", "COMPLETED");
        execution(3, OTHER_JOB, "STOPPING", null);
        execution(4, OTHER_JOB, "STARTING", null);
        jberetExecutionOfNoIngestionRun(5, "STARTED");

        InterruptedExecutionRegistry registry = registry();

        assertThat(List.of(1L, 2L, 3L, 4L, 5L))
                .filteredOn(registry::isInterrupted)
                .containsExactly(1L, 3L, 4L);
        assertThat(failedJobs).containsExactlyInAnyOrder(JOB, OTHER_JOB, OTHER_JOB);
    }

    @Test
    void noExecutionIsInterruptedWhenTheCatalogsRunsAreOpenLibertys() throws Exception {
        execution(1, JOB, "STARTED", null);
        try (Connection db = database.getConnection();
                Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO lakehouse.job_repository_owner (server_kind) VALUES ('OPEN_LIBERTY')");
        }

        assertThat(registry().isInterrupted(1)).isFalse();
        assertThat(failedJobs).isEmpty();
    }

    @Test
    void anInterruptedExecutionIsEndedFailedNowWithItsExitStatusKeptOrSaidInterrupted() throws Exception {
        execution(1, JOB, "STARTED", null);
        execution(3, JOB, "STOPPING", "STOPPING: asked by alice");
        InterruptedExecutionRegistry registry = registry();

        registry.endInterrupted(1);
        registry.endInterrupted(3);

        assertThat(row(1).status()).isEqualTo("FAILED");
        assertThat(row(1).exitStatus()).isEqualTo(InterruptedExecutionRegistry.INTERRUPTED_EXIT_STATUS);
        assertThat(row(1).ended()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(row(1).lastUpdated()).isEqualTo(row(1).ended());
        assertThat(row(3).status()).isEqualTo("FAILED");
        assertThat(row(3).exitStatus()).isEqualTo("STOPPING: asked by alice");
        assertThat(registry.isInterrupted(1)).as("until its restart").isTrue();
    }

    @Test
    void anExecutionThatIsNotInterruptedOrEndedAlreadyIsLeftAsItIs() throws Exception {
        execution(1, JOB, "STARTED", null);
        InterruptedExecutionRegistry registry = registry();
        execution(2, JOB, "STARTED", null); // started by this server after the search: it runs

        registry.endInterrupted(2);
        registry.endInterrupted(1);
        Instant firstEnd = row(1).ended();
        registry.endInterrupted(1);

        assertThat(row(2).status()).isEqualTo("STARTED");
        assertThat(row(2).ended()).isNull();
        assertThat(row(1).ended()).as("a second abandon changes nothing").isEqualTo(firstEnd);
    }

    /** JBeret's registry on this database, its search for interrupted executions made (as at start-up). */
    private InterruptedExecutionRegistry registry() {
        InterruptedExecutionRegistry registry = new InterruptedExecutions() {
            @Override
            protected Connection connect() throws SQLException {
                return database.getConnection();
            }
        };
        registry.runs = (IngestionRunService) Proxy.newProxyInstance(
                IngestionRunService.class.getClassLoader(),
                new Class<?>[] {IngestionRunService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("interrupted")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    failedJobs.add((UUID) args[0]);
                    return null;
                });
        registry.detect();
        return registry;
    }

    /** An ingestion run and its JBeret execution (instance = execution id), started and last updated at STARTED. */
    private static void execution(long id, UUID job, String status, String exitStatus) throws SQLException {
        jberetExecutionOfNoIngestionRun(id, status);
        try (Connection db = database.getConnection();
                PreparedStatement insert =
                        db.prepareStatement("UPDATE public.job_execution SET exitstatus = ? WHERE jobexecutionid = ?");
                PreparedStatement run = db.prepareStatement("INSERT INTO lakehouse.ingestion_runs VALUES (?, ?, ?)")) {
            insert.setString(1, exitStatus);
            insert.setLong(2, id);
            insert.executeUpdate();
            run.setLong(1, id);
            run.setLong(2, id);
            run.setObject(3, job);
            run.executeUpdate();
        }
    }

    private static void jberetExecutionOfNoIngestionRun(long id, String status) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement instance = db.prepareStatement(
                        "INSERT INTO public.job_instance (jobinstanceid, version, jobname, applicationname)"
                                + " VALUES (?, 0, 'ingestion', 'lakehouse')");
                PreparedStatement execution = db.prepareStatement("INSERT INTO public.job_execution (jobexecutionid,"
                        + " jobinstanceid, version, createtime, starttime, lastupdatedtime, batchstatus)"
                        + " VALUES (?, ?, 0, ?, ?, ?, ?)")) {
            instance.setLong(1, id);
            instance.executeUpdate();
            execution.setLong(1, id);
            execution.setLong(2, id);
            execution.setObject(3, STARTED);
            execution.setObject(4, STARTED);
            execution.setObject(5, STARTED);
            execution.setString(6, status);
            execution.executeUpdate();
        }
    }

    private record Row(String status, String exitStatus, Instant ended, Instant lastUpdated) {}

    private static Row row(long id) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement select = db.prepareStatement("SELECT batchstatus, exitstatus, endtime,"
                        + " lastupdatedtime FROM public.job_execution WHERE jobexecutionid = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                OffsetDateTime ended = rows.getObject(3, OffsetDateTime.class);
                OffsetDateTime updated = rows.getObject(4, OffsetDateTime.class);
                return new Row(
                        rows.getString(1),
                        rows.getString(2),
                        ended == null ? null : ended.toInstant(),
                        updated == null ? null : updated.toInstant());
            }
        }
    }
}
