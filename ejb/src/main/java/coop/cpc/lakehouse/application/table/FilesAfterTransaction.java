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
 * misses (the server stops in between) the orphan cleanup finds later. Also lets a writer's hold of files
 * ({@link UncommittedSegments}) go once the transaction that records them has ended.
 */
@ApplicationScoped
public class FilesAfterTransaction {
    private static final Logger LOG = Logger.getLogger(FilesAfterTransaction.class.getName());

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    SegmentFiles files;

    @Inject
    UncommittedSegments uncommitted;

    /** @param relativePaths segment paths under the storage folder */
    public void deleteAfterCommit(List<String> relativePaths) {
        deleteWhen(Status.STATUS_COMMITTED, relativePaths);
    }

    public void deleteAfterRollback(List<String> relativePaths) {
        deleteWhen(Status.STATUS_ROLLEDBACK, relativePaths);
    }

    /**
     * Lets the hold of files a writer staged go once the current transaction, which records them, has ended, however
     * it ended: committed, the catalog names them; rolled back, they are deleted ({@link #deleteAfterRollback},
     * registered before) or orphans. Never before: the orphan cleanup, which asks the hold first and the catalog
     * after, would find them in neither while the recording is not yet visible.
     */
    public void releaseAfterTransaction(List<String> relativePaths) {
        if (relativePaths.isEmpty()) {
            return;
        }
        List<String> paths = List.copyOf(relativePaths);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                uncommitted.release(paths);
            }
        });
    }

    private void deleteWhen(int outcome, List<String> relativePaths) {
        if (relativePaths.isEmpty()) {
            return;
        }
        List<String> paths = List.copyOf(relativePaths);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == outcome) {
                    delete(paths);
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
