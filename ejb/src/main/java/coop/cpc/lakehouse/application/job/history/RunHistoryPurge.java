package coop.cpc.lakehouse.application.job.history;

import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run history purge: daily at 03:37 UTC (and when an operator asks, over JMX), deletes the job instances
 * {@link RunHistoryRetention} finds over, that ended more than {@code job_history_retention_days} ago, from the
 * catalog's {@code ingestion_runs} and from JBeret's JDBC job repository (WildFly; schema {@code public} of the
 * catalog database, whose foreign keys take an instance's executions, step and partition executions with it). The
 * newest run and the newest committed run of each ingestion job ({@link RunHistoryRetention#keptInstances}), and runs
 * whose staged segments or whole-read records a later start still has to discard, always stay. Before its first
 * batch it makes sure the job repository's cascades are indexed ({@link JobRepositoryIndexes}). In batches of
 * {@value #BATCH} instances, one transaction each. On Open Liberty nothing is purged: its batch store's tables are its
 * own, and the catalog's rows alone are not deleted without them.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RunHistoryPurge {
    private static final Logger LOG = Logger.getLogger(RunHistoryPurge.class.getName());
    static final int BATCH = 500;

    /** Executions of the next instances (by id, after a given one) whose executions all ended before a cutoff. */
    private static final String ENDED_INSTANCES =
            "SELECT e.jobexecutionid, e.jobinstanceid, e.batchstatus, e.endtime FROM public.job_execution e"
                    + " WHERE e.jobinstanceid IN (SELECT i.jobinstanceid FROM public.job_execution i"
                    + " WHERE i.jobinstanceid > ? GROUP BY i.jobinstanceid"
                    + " HAVING bool_and(i.endtime IS NOT NULL) AND max(i.endtime) < ?"
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

    @Resource
    UserTransaction transaction;

    @Resource
    SessionContext context;

    @Inject
    LakehouseSettings settings;

    /** Looked up when asked: the bean lives in the batch module, which Open Liberty starts after this one. */
    @Inject
    Instance<JobRunner> runner;

    /** One purge at a time; a second one is refused at once, not queued behind the container's access timeout. */
    private final AtomicBoolean running = new AtomicBoolean();

    /** The daily purge, audited as the operator's is: through the bean's business method, not a plain call. */
    @Schedule(hour = "3", minute = "37", timezone = "UTC", persistent = false)
    public void daily() {
        try {
            LOG.info(context.getBusinessObject(RunHistoryPurge.class).purge());
        } catch (RunHistoryPurgeRunningException e) {
            LOG.info(() -> "Daily run history purge skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Run history purge failed", e);
        }
    }

    /**
     * The purge now, on an operator's request or the daily timer's (audited); returns what it did, in words.
     *
     * @throws RunHistoryPurgeRunningException at once when another purge still runs
     */
    @Audited(action = AuditAction.DELETE, resource = "job_execution")
    public String purge() throws RunHistoryPurgeRunningException {
        return purgeNow();
    }

    private String purgeNow() throws RunHistoryPurgeRunningException {
        if (!running.compareAndSet(false, true)) {
            throw new RunHistoryPurgeRunningException();
        }
        try {
            return purgeOnce();
        } finally {
            running.set(false);
        }
    }

    private String purgeOnce() {
        if (!JobRepositoryConflict.WILDFLY.equals(runner.get().serverKind())) {
            return "Run history purge: nothing purged on Open Liberty (its batch store is its own; docs/operations.md)";
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(settings.jobHistoryRetentionDays()));
        int removed = 0;
        try {
            Set<Long> kept;
            try (Connection db = CatalogDataSource.lookup().getConnection()) {
                if (claimedByTheOtherServerKind(db)) {
                    return "Run history purge: nothing purged, the catalog's runs belong to Open Liberty's job"
                            + " repository";
                }
                JobRepositoryIndexes.ensure(db);
                kept = kept(db);
            }
            long after = 0;
            while (true) {
                transaction.begin();
                Set<Long> purgeable;
                try (Connection db = CatalogDataSource.lookup().getConnection()) {
                    List<RecordedExecution> ended = endedInstances(db, after, cutoff);
                    if (ended.isEmpty()) {
                        transaction.commit();
                        break;
                    }
                    after = ended.stream()
                            .mapToLong(RecordedExecution::jobInstanceId)
                            .max()
                            .orElseThrow();
                    purgeable = RunHistoryRetention.purgeableInstances(ended, cutoff, kept);
                    delete(db, purgeable);
                }
                transaction.commit();
                removed += purgeable.size();
            }
        } catch (Exception e) {
            rollback();
            throw new IllegalStateException(
                    "Run history purge failed after removing " + removed + " job instance(s): " + e.getMessage(), e);
        }
        return "Run history purge: removed " + removed + " job instance(s) whose runs ended before " + cutoff;
    }

    private static boolean claimedByTheOtherServerKind(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(OTHER_OWNER)) {
            select.setString(1, JobRepositoryConflict.WILDFLY);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    private static Set<Long> kept(Connection db) throws SQLException {
        List<RecordedRun> runs = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(RUNS);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                runs.add(new RecordedRun(
                        rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3), rows.getBoolean(4)));
            }
        }
        Set<Long> kept = new HashSet<>(RunHistoryRetention.keptInstances(runs));
        try (PreparedStatement select = db.prepareStatement(DISCARD_PENDING);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                kept.add(rows.getLong(1));
            }
        }
        return kept;
    }

    private static List<RecordedExecution> endedInstances(Connection db, long after, Instant cutoff)
            throws SQLException {
        List<RecordedExecution> found = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(ENDED_INSTANCES)) {
            select.setLong(1, after);
            // JBeret writes its times as the server's local time: compared the same way.
            select.setTimestamp(2, Timestamp.from(cutoff));
            select.setInt(3, BATCH);
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

    private static void delete(Connection db, Set<Long> instances) throws SQLException {
        if (instances.isEmpty()) {
            return;
        }
        Array ids = db.createArrayOf("bigint", instances.toArray());
        try (PreparedStatement runs =
                        db.prepareStatement("DELETE FROM lakehouse.ingestion_runs WHERE job_instance_id = ANY (?)");
                PreparedStatement repository =
                        db.prepareStatement("DELETE FROM public.job_instance WHERE jobinstanceid = ANY (?)")) {
            runs.setArray(1, ids);
            runs.executeUpdate();
            repository.setArray(1, ids);
            repository.executeUpdate();
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.FINE, "Rollback of a run history purge batch failed", e);
        }
    }
}
