package coop.cpc.lakehouse.adapter.crm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * The sort runs ({@link ExternalSorter}) that a journey or cohort analysis interrupted by a crash (kill -9, an OOM
 * kill, a power cut) left in the spill folder: its close would have deleted them. They hold customers' interactions,
 * so the orphan cleanup deletes them; a run is a leftover when it was last modified before this deployment loaded
 * the sorter (no analysis of this deployment wrote it) and before the cleanup's grace (not a run of another server's
 * analysis in flight).
 */
public final class SpillLeftovers {
    /** The spill folder's name inside {@code webm_storage_path}. */
    public static final String FOLDER = ".spill";

    private SpillLeftovers() {}

    /** The spill folder of a segment folder. */
    public static Path folder(Path storage) {
        return storage.resolve(FOLDER);
    }

    /**
     * Deletes the run files in {@code folder} last modified before {@code olderThan} and before this deployment
     * loaded the sorter. Other files, folders and links are left alone; a missing folder holds none.
     *
     * @return how many run files were deleted
     */
    public static int delete(Path folder, Instant olderThan) throws IOException {
        Instant before = olderThan.isBefore(ExternalSorter.LOADED) ? olderThan : ExternalSorter.LOADED;
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> runs =
                Files.newDirectoryStream(folder, ExternalSorter.RUN_PREFIX + "*" + ExternalSorter.RUN_SUFFIX)) {
            for (Path run : runs) {
                if (modifiedBefore(run, before) && Files.deleteIfExists(run)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Whether the path is a regular file (not a link) last modified before the time; false when it is gone. */
    private static boolean modifiedBefore(Path run, Instant before) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(run, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false;
        }
        return attributes.isRegularFile()
                && attributes.lastModifiedTime().toInstant().isBefore(before);
    }
}
