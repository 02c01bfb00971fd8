package coop.cpc.lakehouse.application.ingest;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a run's rejected records go: {@code _runs/<job id>/<execution id>/rejects.ndjson} under
 * {@code webm_storage_path}, one JSON object per line: {@code {"source", "position", "reason"}}.
 */
public final class RejectsFiles {
    public static final String FOLDER = "_runs";

    private RejectsFiles() {}

    /** Relative to webm_storage_path. */
    public static String relativePath(UUID jobId, long executionId) {
        return FOLDER + "/" + jobId + "/" + executionId + "/rejects.ndjson";
    }

    public static Path resolve(Path storageRoot, UUID jobId, long executionId) {
        return storageRoot.resolve(relativePath(jobId, executionId));
    }

    /**
     * Deletes the rejects file of an execution whose run is gone from the catalog, and its folder ({@code
     * _runs/<job id>/<execution id>}) once empty; nothing when it has none.
     */
    public static void delete(Path storageRoot, UUID jobId, long executionId) throws IOException {
        Path file = resolve(storageRoot, jobId, executionId);
        Files.deleteIfExists(file);
        try {
            Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException notOnlyRejects) {
            // Something else was put there: it is not ours to delete.
        }
    }
}
