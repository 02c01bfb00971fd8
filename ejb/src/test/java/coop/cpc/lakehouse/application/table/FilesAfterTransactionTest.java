package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesAfterTransactionTest {
    private static final String NAMED = "crm/contacts/data/named.webm";
    private static final String UNNAMED = "crm/contacts/data/unnamed.webm";

    @TempDir
    Path root;

    private final FollowedTransaction transaction = new FollowedTransaction();

    @Test
    void aFileTheCatalogStillNamesAfterAReportedCommitIsKept() throws Exception {
        // The delete's commit was reported (Narayana's STATUS_COMMITTED for a heuristic mixed outcome) but PostgreSQL
        // rolled it back: the catalog still names one of the files.
        FilesAfterTransaction after = afterTransaction(
                batch -> batch.stream().filter(path -> !path.equals(NAMED)).toList());
        Path named = segment(NAMED);
        Path unnamed = segment(UNNAMED);

        after.deleteAfterCommit(List.of(NAMED, UNNAMED));
        transaction.end(Status.STATUS_COMMITTED);

        assertThat(named).exists();
        assertThat(unnamed).doesNotExist();
    }

    @Test
    void everyFileIsLeftToTheOrphanCleanupWhenTheCatalogCannotBeAsked() throws Exception {
        FilesAfterTransaction after = afterTransaction(batch -> {
            throw new IllegalStateException("the catalog database is unreachable");
        });
        Path unnamed = segment(UNNAMED);

        after.deleteAfterCommit(List.of(UNNAMED));
        transaction.end(Status.STATUS_COMMITTED);

        assertThat(unnamed).exists();
    }

    @Test
    void aRolledBackDeleteDeletesNothingAndAsksNothing() throws Exception {
        FilesAfterTransaction after = afterTransaction(batch -> {
            throw new AssertionError("asked after a rollback");
        });
        Path unnamed = segment(UNNAMED);

        after.deleteAfterCommit(List.of(UNNAMED));
        transaction.end(Status.STATUS_ROLLEDBACK);

        assertThat(unnamed).exists();
    }

    /** Deletes files under {@link #root} once {@link #transaction} ends, asking {@code catalog} which are unknown. */
    private FilesAfterTransaction afterTransaction(UnaryOperator<List<String>> catalog) {
        return new FilesAfterTransaction(transaction, new SegmentFiles(root), new UnknownSegmentFiles() {
            @Override
            public List<String> among(List<String> batch) {
                return catalog.apply(batch);
            }
        });
    }

    private Path segment(String relative) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "segment");
    }
}
