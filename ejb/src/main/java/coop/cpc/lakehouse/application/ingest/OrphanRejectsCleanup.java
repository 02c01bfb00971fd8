package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Deletes the rejects files ({@link RejectsFiles}) whose run the catalog no longer has: what the run history purge or
 * a job's delete left when the server stopped (or the deletion failed) between their commit and the files' deletion.
 * A file last modified after the grace period is kept (its run may be starting: the execution writes before its start
 * commits), and so is every file of a run the catalog has. The folder of a job the catalog no longer has goes once it
 * is empty. The catalog is asked in batches of {@value #LOOKUP_BATCH} executions, each in a transaction of its own
 * ({@link UnknownRuns}); the walk runs outside any transaction. Part of the {@code orphan-segment-cleanup} job, which
 * runs it only when the storage folder is this catalog's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrphanRejectsCleanup {
    private static final Logger LOG = Logger.getLogger(OrphanRejectsCleanup.class.getName());
    static final int LOOKUP_BATCH = 1_000;

    @Inject
    LakehouseSettings settings;

    @Inject
    UnknownRuns unknownRuns;

    /** For the container. */
    public OrphanRejectsCleanup() {}

    /** Outside a container (tests). */
    public OrphanRejectsCleanup(LakehouseSettings settings, UnknownRuns unknownRuns) {
        this.settings = settings;
        this.unknownRuns = unknownRuns;
    }

    /** @return how many rejects files were deleted */
    public int removeOrphans(Instant olderThan) throws IOException {
        Path runsFolder =
                settings.webmStoragePath().toAbsolutePath().normalize().resolve(RejectsFiles.FOLDER);
        if (!Files.isDirectory(runsFolder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Path storageRoot = runsFolder.getParent();
        int deleted = 0;
        List<UUID> jobFolders = new ArrayList<>();
        Map<Long, UUID> batch = new LinkedHashMap<>();
        try (DirectoryStream<Path> jobs = Files.newDirectoryStream(runsFolder)) {
            for (Path jobFolder : jobs) {
                UUID jobId = jobId(jobFolder);
                if (jobId == null) {
                    continue;
                }
                jobFolders.add(jobId);
                for (long executionId : oldRejects(storageRoot, jobId, jobFolder, olderThan)) {
                    batch.put(executionId, jobId);
                    if (batch.size() == LOOKUP_BATCH) {
                        deleted += deleteUnknown(storageRoot, batch);
                        batch.clear();
                    }
                }
            }
        }
        deleted += deleteUnknown(storageRoot, batch);
        for (UUID jobId : jobFolders) {
            deleteFolderOfDeletedJob(runsFolder.resolve(jobId.toString()), jobId);
        }
        return deleted;
    }

    private static UUID jobId(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            UUID id = UUID.fromString(folder.getFileName().toString());
            // Only the canonical spelling is a folder RejectsFiles made.
            return id.toString().equals(folder.getFileName().toString()) ? id : null;
        } catch (IllegalArgumentException notAJobFolder) {
            return null;
        }
    }

    /** The executions of the job folder whose rejects file was last modified before {@code olderThan}. */
    private static List<Long> oldRejects(Path storageRoot, UUID jobId, Path jobFolder, Instant olderThan)
            throws IOException {
        List<Long> old = new ArrayList<>();
        try (DirectoryStream<Path> executions = Files.newDirectoryStream(jobFolder)) {
            for (Path folder : executions) {
                long executionId;
                try {
                    executionId = Long.parseLong(folder.getFileName().toString());
                } catch (NumberFormatException notAnExecutionFolder) {
                    continue;
                }
                // Only a real folder with the canonical spelling is one RejectsFiles made: a symbolic link would lead
                // the deletion out of the storage folder ("+7" or "007" would name another run's folder).
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                        || !Long.toString(executionId)
                                .equals(folder.getFileName().toString())) {
                    continue;
                }
                Path rejects = RejectsFiles.resolve(storageRoot, jobId, executionId);
                if (Files.isRegularFile(rejects, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(rejects, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .isBefore(olderThan)) {
                    old.add(executionId);
                }
            }
        } catch (NoSuchFileException gone) {
            // The job's folder went meanwhile (the job was deleted).
        }
        return old;
    }

    private int deleteUnknown(Path storageRoot, Map<Long, UUID> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        for (long executionId : unknownRuns.unknownExecutions(List.copyOf(batch.keySet()))) {
            UUID jobId = batch.get(executionId);
            try {
                RejectsFiles.delete(storageRoot, jobId, executionId);
                deleted++;
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the rejects file " + RejectsFiles.relativePath(jobId, executionId)
                        + " of a run the catalog no longer has: " + e.getMessage());
            }
        }
        return deleted;
    }

    private void deleteFolderOfDeletedJob(Path folder, UUID jobId) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            if (entries.iterator().hasNext()) {
                return;
            }
        } catch (IOException gone) {
            return;
        }
        if (!unknownRuns.jobGone(jobId)) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException notEmptyAnyMore) {
            // Something was put there meanwhile: not ours to delete.
        } catch (IOException e) {
            LOG.warning(() -> "Cannot delete the empty folder " + RejectsFiles.FOLDER + "/" + jobId
                    + " of a deleted ingestion job: " + e.getMessage());
        }
    }
}
