package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.testing.CapturedLog;
import jakarta.transaction.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
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
        FilesAfterTransaction after = afterTransaction(batch -> new UnknownSegmentFiles.Answer(
                batch.stream().filter(path -> !path.equals(NAMED)).toList(), List.of(NAMED), List.of()));
        Path named = segment(NAMED);
        Path unnamed = segment(UNNAMED);

        try (CapturedLog log = CapturedLog.of(FilesAfterTransaction.class)) {
            after.deleteAfterCommit(List.of(NAMED, UNNAMED));
            transaction.end(Status.STATUS_COMMITTED);

            assertThat(log.records())
                    .singleElement()
                    .satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.WARNING))
                    .satisfies(record -> assertThat(record.getMessage())
                            .startsWith("Keeping 1 segment file(s)")
                            .contains("the catalog still names them (its commit was reported but not made?)"));
        }
        assertThat(named).exists();
        assertThat(unnamed).doesNotExist();
    }

    @Test
    void aFileKeptOnlyBecauseAnExpiryOfAnotherAssetIsUnderWayIsLeftToTheOrphanCleanupWithoutAWarning()
            throws Exception {
        // The catalog names nothing: the delete really committed. Yet while any expiry runs, no file is deleted.
        ReadsInFlight reads = new ReadsInFlight();
        InMemoryCatalog catalog = new InMemoryCatalog();
        FilesAfterTransaction after = new FilesAfterTransaction(
                transaction,
                new SegmentFiles(root),
                OrphanCleanups.unknownFiles(catalog.segments, catalog.runs, new UncommittedSegments(), reads));
        Path unnamed = segment(UNNAMED);

        try (CapturedLog log = CapturedLog.of(FilesAfterTransaction.class);
                ReadsInFlight.Expiring otherAsset = reads.expiring(UUID.randomUUID())) {
            after.deleteAfterCommit(List.of(UNNAMED));
            transaction.end(Status.STATUS_COMMITTED);

            assertThat(log.records())
                    .singleElement()
                    .satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.INFO))
                    .satisfies(record -> assertThat(record.getMessage())
                            .startsWith("Leaving 1 segment file(s)")
                            .contains("a snapshot expiry")
                            .doesNotContain("not made"));
        }
        assertThat(unnamed).as("the orphan cleanup takes it").exists();
    }

    @Test
    void everyFileIsLeftToTheOrphanCleanupWhenTheCatalogCannotBeAsked() throws Exception {
        assertTheFileIsKeptWhenTheTransactionEnds(Status.STATUS_COMMITTED, batch -> {
            throw new IllegalStateException("the catalog database is unreachable");
        });
    }

    @Test
    void aRolledBackDeleteDeletesNothingAndAsksNothing() throws Exception {
        assertTheFileIsKeptWhenTheTransactionEnds(Status.STATUS_ROLLEDBACK, batch -> {
            throw new AssertionError("asked after a rollback");
        });
    }

    /** Deletes one file after the transaction, ends it with {@code status}, and asserts the file is still there. */
    private void assertTheFileIsKeptWhenTheTransactionEnds(
            int status, Function<List<String>, UnknownSegmentFiles.Answer> catalog) throws Exception {
        FilesAfterTransaction after = afterTransaction(catalog);
        Path unnamed = segment(UNNAMED);

        after.deleteAfterCommit(List.of(UNNAMED));
        transaction.end(status);

        assertThat(unnamed).exists();
    }

    /** Deletes files under {@link #root} once {@link #transaction} ends, asking {@code catalog} which are unknown. */
    private FilesAfterTransaction afterTransaction(Function<List<String>, UnknownSegmentFiles.Answer> catalog) {
        return new FilesAfterTransaction(transaction, new SegmentFiles(root), new UnknownSegmentFiles() {
            @Override
            public Answer sort(List<String> batch) {
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
