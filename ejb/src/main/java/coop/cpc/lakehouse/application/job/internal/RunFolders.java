package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.logging.Logger;

/** The folder of a job's runs, {@code _runs/<job id>} under webm_storage_path: the rejects files of its executions. */
final class RunFolders {
    private static final Logger LOG = Logger.getLogger(RunFolders.class.getName());

    private RunFolders() {}

    /**
     * Deletes the folder of a deleted job, if it has one. A file that cannot be deleted is logged and left: the job is
     * gone all the same.
     */
    static void delete(Path storageRoot, UUID jobId) {
        Path folder = storageRoot.resolve(RejectsFiles.FOLDER).resolve(jobId.toString());
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Deleted meanwhile.
        } catch (IOException e) {
            LOG.warning(() -> "Cannot delete the rejects files of the deleted ingestion job " + jobId + " in "
                    + RejectsFiles.FOLDER + "/" + jobId + ": " + e.getMessage());
        }
    }
}
