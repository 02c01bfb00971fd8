package coop.cpc.lakehouse.application.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanRejectsCleanupTest {
    private static final Instant NOW = Instant.now();
    private static final Instant OLD = NOW.minus(Duration.ofHours(3));

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final IngestionJob job = new IngestionJob("visits", SourceType.FILE_DROP, "{}", null, "alice");

    {
        catalog.jobs.add(job);
    }

    @Test
    void theRejectsFileOfARunThePurgeRemovedBeforeACrashIsDeleted() throws Exception {
        Path purged = rejects(job.getId(), 7, OLD);
        Path kept = rejects(job.getId(), 8, OLD);
        catalog.runs.add(new IngestionRun(8, 2, job.getId(), RunTrigger.MANUAL, null));

        assertThat(cleanup().removeOrphans(NOW.minus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(purged).doesNotExist();
        assertThat(purged.getParent()).doesNotExist();
        assertThat(kept).exists();
    }

    @Test
    void aRejectsFileWrittenWithinTheGracePeriodIsKeptThoughItsRunIsNotCommittedYet() throws Exception {
        // A run's execution writes rejects before the transaction that records its run commits.
        Path starting = rejects(job.getId(), 9, NOW.minus(Duration.ofMinutes(5)));

        assertThat(cleanup().removeOrphans(NOW.minus(Duration.ofHours(1)))).isZero();

        assertThat(starting).exists();
    }

    @Test
    void theFolderOfADeletedJobGoesOnceEmptyAndAnExistingJobsStays() throws Exception {
        UUID deletedJob = UUID.randomUUID();
        Path ofDeletedJob = rejects(deletedJob, 11, OLD);
        Files.createDirectories(
                root.resolve(RejectsFiles.FOLDER).resolve(job.getId().toString()));

        assertThat(cleanup().removeOrphans(NOW.minus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(ofDeletedJob.getParent().getParent()).doesNotExist();
        assertThat(root.resolve(RejectsFiles.FOLDER).resolve(job.getId().toString()))
                .isDirectory();
    }

    @Test
    void filesThatAreNoRejectsFilesOfARunAreLeftAlone() throws Exception {
        Path notes =
                root.resolve(RejectsFiles.FOLDER).resolve("notes").resolve("12").resolve("rejects.ndjson");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "{}");
        Path other = root.resolve(RejectsFiles.FOLDER)
                .resolve(job.getId().toString())
                .resolve("13")
                .resolve("x.txt");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "kept");
        Files.setLastModifiedTime(other, FileTime.from(OLD));

        assertThat(cleanup().removeOrphans(NOW.minus(Duration.ofHours(1)))).isZero();

        assertThat(notes).exists();
        assertThat(other).exists();
    }

    @Test
    void anExecutionFolderThatIsASymbolicLinkIsNotFollowedOutOfTheStorageFolder(@TempDir Path elsewhere)
            throws Exception {
        Path outside = elsewhere.resolve("rejects.ndjson");
        Files.writeString(outside, "{}");
        Files.setLastModifiedTime(outside, FileTime.from(OLD));
        Path jobFolder = Files.createDirectories(
                root.resolve(RejectsFiles.FOLDER).resolve(job.getId().toString()));
        Path link;
        try {
            link = Files.createSymbolicLink(jobFolder.resolve("12"), elsewhere);
        } catch (UnsupportedOperationException | IOException | SecurityException noLinksHere) {
            Assumptions.abort("symbolic links cannot be made here: " + noLinksHere);
            return;
        }

        assertThat(cleanup().removeOrphans(NOW.minus(Duration.ofHours(1)))).isZero();

        assertThat(outside).exists();
        assertThat(link).isSymbolicLink();
    }

    @Test
    void noRunsFolderIsNothingToDo() throws Exception {
        assertThat(cleanup().removeOrphans(NOW)).isZero();
    }

    private OrphanRejectsCleanup cleanup() {
        return new OrphanRejectsCleanup(
                LakehouseSettings.from(key -> key.equals("data_lakehouse.webm_storage_path")
                        ? Optional.of(root.toString())
                        : Optional.empty()),
                new UnknownRuns(catalog.runs, catalog.jobs));
    }

    private Path rejects(UUID jobId, long executionId, Instant modified) throws Exception {
        Path file = RejectsFiles.resolve(root, jobId, executionId);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"source\":\"a.csv\",\"position\":3,\"reason\":\"bad date\"}\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
