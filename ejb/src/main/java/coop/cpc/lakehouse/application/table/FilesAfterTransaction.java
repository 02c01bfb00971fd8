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
 * misses (the server stops in between) the orphan cleanup finds later.
 */
@ApplicationScoped
public class FilesAfterTransaction {
    private static final Logger LOG = Logger.getLogger(FilesAfterTransaction.class.getName());

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    SegmentFiles files;

    /** @param relativePaths segment paths under the storage folder */
    public void deleteAfterCommit(List<String> relativePaths) {
        deleteWhen(Status.STATUS_COMMITTED, relativePaths);
    }

    public void deleteAfterRollback(List<String> relativePaths) {
        deleteWhen(Status.STATUS_ROLLEDBACK, relativePaths);
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
