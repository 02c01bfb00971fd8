package coop.cpc.lakehouse.application.job.history;

import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import coop.cpc.lakehouse.catalog.run.PurgedRun;
import coop.cpc.lakehouse.catalog.run.RecordedExecution;
import coop.cpc.lakehouse.catalog.run.RunHistoryTables;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * batch it makes sure the job repository's cascades are indexed ({@code JobRepositoryIndexes}). In batches of
 * {@value #BATCH} instances, one transaction each; the rejects files of a batch's runs go once it has committed. On Open Liberty nothing is purged: its batch store's tables are its
 * own, and the catalog's rows alone are not deleted without them. Its SQL is the persistence module's
 * ({@link RunHistoryTables}).
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RunHistoryPurge {
    private static final Logger LOG = Logger.getLogger(RunHistoryPurge.class.getName());
    static final int BATCH = 500;

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
            try (RunHistoryTables tables = RunHistoryTables.open()) {
                if (tables.claimedByAnotherServerKind(JobRepositoryConflict.WILDFLY)) {
                    return "Run history purge: nothing purged, the catalog's runs belong to Open Liberty's job"
                            + " repository";
                }
                tables.ensureIndexes();
                kept = new HashSet<>(RunHistoryRetention.keptInstances(tables.runs()));
                kept.addAll(tables.discardPending());
            }
            long after = 0;
            while (true) {
                transaction.begin();
                Set<Long> purgeable;
                List<PurgedRun> purged;
                try (RunHistoryTables tables = RunHistoryTables.open()) {
                    List<RecordedExecution> ended = tables.endedInstances(after, cutoff, BATCH);
                    if (ended.isEmpty()) {
                        transaction.commit();
                        break;
                    }
                    after = ended.stream()
                            .mapToLong(RecordedExecution::jobInstanceId)
                            .max()
                            .orElseThrow();
                    purgeable = RunHistoryRetention.purgeableInstances(ended, cutoff, kept);
                    purged = tables.delete(purgeable);
                }
                transaction.commit();
                removed += purgeable.size();
                deleteRejectsFiles(purged);
            }
        } catch (Exception e) {
            rollback();
            throw new IllegalStateException(
                    "Run history purge failed after removing " + removed + " job instance(s): " + e.getMessage(), e);
        }
        return "Run history purge: removed " + removed + " job instance(s) whose runs ended before " + cutoff;
    }

    /**
     * The rejects files of the runs a batch purged, once it has committed: no query reaches them any more, and a
     * job that runs for years would otherwise leave one per run for good. One that cannot be deleted is logged.
     */
    private void deleteRejectsFiles(List<PurgedRun> purged) {
        Path storageRoot = settings.webmStoragePath();
        for (PurgedRun run : purged) {
            try {
                RejectsFiles.delete(storageRoot, run.jobId(), run.executionId());
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "Run history purge: cannot delete the rejects file of the purged execution "
                        + run.executionId() + " (" + RejectsFiles.relativePath(run.jobId(), run.executionId())
                        + "): " + e.getMessage());
            }
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
