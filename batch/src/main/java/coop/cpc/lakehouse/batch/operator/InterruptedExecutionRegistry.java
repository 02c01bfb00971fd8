package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.annotation.PostConstruct;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The ingestion executions the previous server process was running when it stopped without
 * finishing them (kill -9, power loss): the job repository still says STARTING, STARTED or
 * STOPPING, but nothing runs them. They are reported as interrupted and can be restarted from their
 * last checkpoint ({@code restartJobExecution}); their jobs' status becomes FAILED. A subclass is the
 * start-up singleton of one runtime: it names that runtime's JDBC job repository table (in the
 * catalog database) and how it stores a status; the search runs once, when the singleton is constructed.
 *
 * <p>One server per catalog is assumed: a second node would see the first one's running executions
 * as interrupted.
 *
 * <p>A subclass declares bean-managed concurrency: the set is concurrent and {@link #endInterrupted} runs its
 * database update under no lock, so an update waiting on a row lock (a second abandon of the same execution)
 * stalls no {@link #isInterrupted} or {@link #restarted} call. The execution stays in the set until its restart.
 */
// On this class, not the subclass: a class-level attribute covers only the methods its class declares.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class InterruptedExecutionRegistry {
    private static final Logger LOG = Logger.getLogger(InterruptedExecutionRegistry.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";
    private static final BatchStatus[] RUNNING = {BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING};

    /** The exit status an interrupted execution gets when it is ended before its restart or abandon. */
    public static final String INTERRUPTED_EXIT_STATUS =
            "INTERRUPTED: the server stopped (kill -9, power loss) while this execution ran";

    @EJB
    IngestionRunService runs;

    private final Set<Long> interrupted = ConcurrentHashMap.newKeySet();
    private final String sql;
    private final String endSql;
    private final Function<BatchStatus, Object> statusValue;
    private final String serverKind;

    /**
     * @param executionTable the job repository's table of executions, schema-qualified
     * @param executionIdColumn its column of execution ids
     * @param statusValue how it stores a batch status in its {@code batchstatus} column
     * @param serverKind whose job repository this is ({@link JobRepositoryConflict}): the runs of a catalog
     *     claimed by the other server kind are not this repository's, whatever their execution ids say
     */
    protected InterruptedExecutionRegistry(
            String executionTable,
            String executionIdColumn,
            Function<BatchStatus, Object> statusValue,
            String serverKind) {
        this.sql = "SELECT r.execution_id, r.job_id FROM lakehouse.ingestion_runs r JOIN " + executionTable + " e ON e."
                + executionIdColumn + " = r.execution_id WHERE e.batchstatus IN (?, ?, ?)"
                + " AND NOT EXISTS (SELECT 1 FROM lakehouse.job_repository_owner o WHERE o.server_kind <> ?)";
        this.endSql = "UPDATE " + executionTable + " SET batchstatus = ?, endtime = ?, lastupdatedtime = ?,"
                + " exitstatus = COALESCE(exitstatus, ?) WHERE " + executionIdColumn
                + " = ? AND batchstatus IN (?, ?, ?)";
        this.statusValue = statusValue;
        this.serverKind = serverKind;
    }

    /**
     * Whether an interrupted execution is ended in the job repository before it is restarted or abandoned ({@link
     * #endInterrupted}): a runtime that takes an execution its repository says is STARTED for running, whoever ran
     * it, needs it. JBeret does: it refuses to abandon such an execution, and its restart marks it FAILED without an
     * end time (so the run history purge never found it ended).
     */
    protected boolean endsInterruptedExecutions() {
        return false;
    }

    /**
     * Before an interrupted execution is restarted or abandoned: ends it in the job repository, FAILED, ended now, its
     * exit status {@link #INTERRUPTED_EXIT_STATUS} unless it had one, when this runtime needs it ({@link
     * #endsInterruptedExecutions}). Nothing for an execution that is not interrupted.
     */
    public void endInterrupted(long executionId) {
        if (!endsInterruptedExecutions() || !interrupted.contains(executionId)) {
            return;
        }
        try (Connection db = connect();
                PreparedStatement update = db.prepareStatement(endSql)) {
            // JBeret's PostgreSQL tables keep TIMESTAMPTZ: the driver sends the instant with the JVM's offset, so it is
            // stored right whatever the database's time zone (InterruptedExecutionRegistrySqlTest).
            Timestamp now = Timestamp.from(Instant.now());
            update.setObject(1, statusValue.apply(BatchStatus.FAILED));
            update.setTimestamp(2, now);
            update.setTimestamp(3, now);
            update.setString(4, INTERRUPTED_EXIT_STATUS);
            update.setLong(5, executionId);
            for (int i = 0; i < RUNNING.length; i++) {
                update.setObject(6 + i, statusValue.apply(RUNNING[i]));
            }
            int ended = update.executeUpdate();
            LOG.info(() -> "Interrupted ingestion execution " + executionId
                    + (ended == 1 ? " ended as FAILED in the job repository" : " had already ended")
                    + " before its restart or abandon");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot end the interrupted execution " + executionId + " in the job repository", e);
        }
    }

    /** A connection to the catalog database, which holds the job repository's tables (a test's own database). */
    protected Connection connect() throws SQLException {
        return CatalogDataSource.lookup().getConnection();
    }

    /** Marks every run the job repository still holds as running interrupted, and its job FAILED. */
    @PostConstruct
    void detect() {
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < RUNNING.length; i++) {
                select.setObject(i + 1, statusValue.apply(RUNNING[i]));
            }
            select.setString(RUNNING.length + 1, serverKind);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long execution = rows.getLong(1);
                    UUID jobId = rows.getObject(2, UUID.class);
                    interrupted.add(execution);
                    runs.interrupted(jobId);
                    LOG.warning(() -> "Ingestion execution " + execution + " of job " + jobId
                            + " was interrupted by a server stop; restart it to resume from its last checkpoint");
                }
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot look for interrupted ingestion executions", e);
            }
            // No job has ever run: the batch job repository has not created its tables yet.
        }
    }

    public boolean isInterrupted(long executionId) {
        return interrupted.contains(executionId);
    }

    /** A restarted execution is no longer waiting for its restart. */
    public void restarted(long executionId) {
        interrupted.remove(executionId);
    }
}
