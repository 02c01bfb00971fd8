package coop.cpc.lakehouse.catalog.run;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the run history purge reads and deletes, on one connection of the catalog data source (enlisted in the
 * caller's transaction, if any): the catalog's {@code ingestion_runs} and the tables of JBeret's JDBC job repository,
 * which on WildFly share the catalog database (schema {@code public}; its foreign keys take an instance's executions,
 * step and partition executions with it). The rule of what may go is the application's
 * ({@code RunHistoryRetention}); this class only runs its SQL.
 */
public final class RunHistoryTables implements AutoCloseable {
    /**
     * When an execution ended: its end time, or, for one a server stop interrupted and JBeret then marked FAILED when
     * it was restarted (which writes no end time), the time of that mark; null while it runs or waits for its restart.
     */
    private static String endedAt(String execution) {
        return "COALESCE(" + execution + ".endtime, CASE WHEN " + execution
                + ".batchstatus IN ('STARTING', 'STARTED', 'STOPPING') THEN NULL ELSE " + execution
                + ".lastupdatedtime END)";
    }

    /** Executions of the next instances (by id, after a given one) whose executions all ended before a cutoff. */
    private static final String ENDED_INSTANCES = "SELECT e.jobexecutionid, e.jobinstanceid, e.batchstatus, "
            + endedAt("e") + " FROM public.job_execution e"
            + " WHERE e.jobinstanceid IN (SELECT i.jobinstanceid FROM public.job_execution i"
            + " WHERE i.jobinstanceid > ? GROUP BY i.jobinstanceid"
            + " HAVING bool_and(" + endedAt("i") + " IS NOT NULL) AND max(" + endedAt("i") + ") < ?"
            + " ORDER BY i.jobinstanceid LIMIT ?)";
    /** The ingestion runs, with their commit marks (as IngestionRunRepository.committed reads them). */
    private static final String RUNS = "SELECT r.job_id, r.job_instance_id, r.execution_id, r.committed_at IS NOT NULL"
            + " OR EXISTS (SELECT 1 FROM lakehouse.asset_snapshots s WHERE s.source_execution_id = r.execution_id)"
            + " FROM lakehouse.ingestion_runs r";
    /** Instances whose staged segments or whole-read records a later start still has to discard. */
    private static final String DISCARD_PENDING = "SELECT job_instance_id FROM lakehouse.staged_segments"
            + " UNION SELECT job_instance_id FROM lakehouse.read_whole_assets";

    private static final String OTHER_OWNER =
            "SELECT count(*) FROM lakehouse.job_repository_owner WHERE server_kind <> ?";

    private final Connection db;

    private RunHistoryTables(Connection db) {
        this.db = db;
    }

    /** The tables on a connection of the caller's (a test's database); closing them closes it. */
    static RunHistoryTables on(Connection db) {
        return new RunHistoryTables(db);
    }

    /** A connection of the catalog data source; close it when done. */
    public static RunHistoryTables open() throws SQLException {
        return new RunHistoryTables(CatalogDataSource.lookup().getConnection());
    }

    /** Whether a server of another kind than {@code serverKind} has claimed the catalog's job repository. */
    public boolean claimedByAnotherServerKind(String serverKind) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(OTHER_OWNER)) {
            select.setString(1, serverKind);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** Creates the indexes JBeret's cascades need ({@link JobRepositoryIndexes}); outside a transaction. */
    public void ensureIndexes() throws SQLException {
        JobRepositoryIndexes.ensure(db);
    }

    /** Every ingestion run of the catalog, with its commit mark. */
    public List<RecordedRun> runs() throws SQLException {
        List<RecordedRun> runs = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(RUNS);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                runs.add(new RecordedRun(
                        rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3), rows.getBoolean(4)));
            }
        }
        return runs;
    }

    /** The instances whose staged segments or whole-read records a later start still has to discard. */
    public Set<Long> discardPending() throws SQLException {
        Set<Long> pending = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement(DISCARD_PENDING);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                pending.add(rows.getLong(1));
            }
        }
        return pending;
    }

    /**
     * The executions of the next {@code limit} instances after instance {@code after} (by id) whose executions all
     * ended before {@code cutoff}.
     */
    public List<RecordedExecution> endedInstances(long after, Instant cutoff, int limit) throws SQLException {
        List<RecordedExecution> found = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(ENDED_INSTANCES)) {
            select.setLong(1, after);
            // JBeret writes its times as the server's local time: compared the same way.
            select.setTimestamp(2, Timestamp.from(cutoff));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp ended = rows.getTimestamp(4);
                    found.add(new RecordedExecution(
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.getString(3),
                            ended == null ? null : ended.toInstant()));
                }
            }
        }
        return found;
    }

    /**
     * Deletes the instances' ingestion runs and their job repository rows (with their executions, by cascade).
     *
     * @return the ingestion runs deleted: the caller deletes their rejects files once this has committed
     */
    public List<PurgedRun> delete(Set<Long> instances) throws SQLException {
        if (instances.isEmpty()) {
            return List.of();
        }
        Array ids = db.createArrayOf("bigint", instances.toArray());
        List<PurgedRun> purged = new ArrayList<>();
        try (PreparedStatement runs = db.prepareStatement("DELETE FROM lakehouse.ingestion_runs WHERE job_instance_id"
                        + " = ANY (?) RETURNING job_id, execution_id");
                PreparedStatement repository =
                        db.prepareStatement("DELETE FROM public.job_instance WHERE jobinstanceid = ANY (?)")) {
            runs.setArray(1, ids);
            try (ResultSet deleted = runs.executeQuery()) {
                while (deleted.next()) {
                    purged.add(new PurgedRun(deleted.getObject(1, UUID.class), deleted.getLong(2)));
                }
            }
            repository.setArray(1, ids);
            repository.executeUpdate();
        }
        return purged;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
