package coop.cpc.lakehouse.application.table;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deletes segment files when the current transaction ends a given way: the files of a deleted
 * asset once the delete has committed (never before: a rolled-back delete keeps its data), the
 * file a chunk wrote once that chunk rolled back (no catalog row will ever name it). What a delete
 * misses (the server stops in between) the orphan cleanup finds later. Other files a deletion removes
 * (a deleted ingestion job's rejects folder) go the same way, through {@link #afterCommit}.
 *
 * <p>"Committed" is what the transaction manager tells the synchronization, and Narayana tells it also for a
 * heuristic outcome (the answer to COMMIT was lost, and PostgreSQL may have rolled back). So the files a commit was
 * to let go are deleted only once a transaction of their own ({@link UnknownSegmentFiles}) finds that the catalog no
 * longer names them: a file still named stays (the orphan cleanup takes it once it is not), and when that check
 * cannot be made every file stays for the orphan cleanup.
 *
 * <p>That check is an EJB call (REQUIRES_NEW) from an interposed {@code afterCompletion}, which the
 * TransactionSynchronizationRegistry contract does not promise to allow; it relies on the container behaviour the
 * audit append ({@code AuditInterceptor} to {@code AuditTrail}) relies on too. {@code AssetGraphQlIT} shows it works
 * on WildFly and on Open Liberty (a deleted asset's segment files are gone once {@code deleteAsset} returns); if a
 * container refused it, the files would only wait for the orphan cleanup.
 */
@ApplicationScoped
public class FilesAfterTransaction {
    private static final Logger LOG = Logger.getLogger(FilesAfterTransaction.class.getName());

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    SegmentFiles files;

    /** Asks the catalog, in a transaction of its own, which files nothing names any more. */
    @Inject
    UnknownSegmentFiles unknownFiles;

    /** For CDI. */
    public FilesAfterTransaction() {}

    /**
     * Outside a container (tests, tools): the registry of the transactions to follow, the files to delete and the
     * catalog's answer about which of them nothing names any more.
     */
    public FilesAfterTransaction(
            TransactionSynchronizationRegistry registry, SegmentFiles files, UnknownSegmentFiles unknownFiles) {
        this.registry = registry;
        this.files = files;
        this.unknownFiles = unknownFiles;
    }

    /**
     * Deletes the files once the transaction has committed and the catalog, asked again, names none of them: one it
     * still names (the commit was reported but rolled back) stays.
     *
     * @param relativePaths segment paths under the storage folder
     */
    public void deleteAfterCommit(List<String> relativePaths) {
        if (relativePaths.isEmpty()) {
            return;
        }
        List<String> paths = List.copyOf(relativePaths);
        when(Status.STATUS_COMMITTED, () -> delete(unreferenced(paths)));
    }

    /**
     * The paths the catalog no longer names, asked in batches in transactions of their own; none when it cannot be
     * asked (they are left to the orphan cleanup, which asks again).
     */
    private List<String> unreferenced(List<String> paths) {
        List<String> unknown = new ArrayList<>();
        int named = 0;
        int held = 0;
        try {
            for (int from = 0; from < paths.size(); from += OrphanSegmentCleanup.LOOKUP_BATCH) {
                UnknownSegmentFiles.Answer answer = unknownFiles.sort(
                        paths.subList(from, Math.min(from + OrphanSegmentCleanup.LOOKUP_BATCH, paths.size())));
                unknown.addAll(answer.unknown());
                named += answer.named().size();
                held += answer.held().size();
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Cannot ask the catalog whether " + paths.size() + " segment file(s) of a committed"
                    + " transaction are still named (" + e.getMessage() + "); they are left to the orphan cleanup");
            return List.of();
        }
        if (named > 0) {
            int kept = named;
            LOG.warning(() -> "Keeping " + kept + " segment file(s) a committed transaction let go: the catalog still"
                    + " names them (its commit was reported but not made?); the orphan cleanup takes them once it does"
                    + " not");
        }
        if (held > 0) {
            // Nothing wrong: a write, a read or a snapshot expiry (of any asset) is under way.
            int kept = held;
            LOG.info(() -> "Leaving " + kept + " segment file(s) a committed transaction let go to the orphan cleanup:"
                    + " a write, a read or a snapshot expiry of this server is under way");
        }
        return unknown;
    }

    public void deleteAfterRollback(List<String> relativePaths) {
        deleteWhen(Status.STATUS_ROLLEDBACK, relativePaths);
    }

    /**
     * Runs a deletion of files other than segments once the current transaction has committed, and never when it
     * rolls back. The deletion logs what it cannot delete itself: it runs after the caller has returned.
     */
    public void afterCommit(Runnable deletion) {
        when(Status.STATUS_COMMITTED, deletion);
    }

    private void deleteWhen(int outcome, List<String> relativePaths) {
        if (relativePaths.isEmpty()) {
            return;
        }
        List<String> paths = List.copyOf(relativePaths);
        when(outcome, () -> delete(paths));
    }

    private void when(int outcome, Runnable deletion) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == outcome) {
                    try {
                        deletion.run();
                    } catch (RuntimeException e) {
                        LOG.warning(() -> "Files a transaction let go were not deleted (" + e.getMessage()
                                + "); they are left to the orphan cleanup");
                    }
                }
            }
        });
    }

    private void delete(List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        int failed = 0;
        for (String path : paths) {
            try {
                files.delete(path);
            } catch (IOException | RuntimeException e) {
                failed++;
            }
        }
        int deleted = paths.size() - failed;
        int left = failed;
        LOG.fine(() -> "Deleted " + deleted + " segment file(s) after the transaction"
                + (left == 0 ? "" : "; " + left + " could not be deleted and are left to the orphan cleanup"));
    }
}
