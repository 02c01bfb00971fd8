package coop.cpc.lakehouse.application.table;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deletes segment files when the current transaction ends a given way: the files of a deleted
 * asset once the delete has committed (never before: a rolled-back delete keeps its data), the
 * file a chunk wrote once that chunk rolled back (no catalog row will ever name it). What a delete
 * misses (the server stops in between) the orphan cleanup finds later. Other files a deletion removes
 * (a deleted ingestion job's rejects folder) go the same way, through {@link #afterCommit}.
 */
@ApplicationScoped
public class FilesAfterTransaction {
    private static final Logger LOG = Logger.getLogger(FilesAfterTransaction.class.getName());

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    SegmentFiles files;

    /** For CDI. */
    public FilesAfterTransaction() {}

    /** Outside a container (tests, tools): the registry of the transactions to follow and the files to delete. */
    public FilesAfterTransaction(TransactionSynchronizationRegistry registry, SegmentFiles files) {
        this.registry = registry;
        this.files = files;
    }

    /** @param relativePaths segment paths under the storage folder */
    public void deleteAfterCommit(List<String> relativePaths) {
        deleteWhen(Status.STATUS_COMMITTED, relativePaths);
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
                    deletion.run();
                }
            }
        });
    }

    private void delete(List<String> paths) {
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
