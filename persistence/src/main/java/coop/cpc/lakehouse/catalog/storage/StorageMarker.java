package coop.cpc.lakehouse.catalog.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file {@value #FILE_NAME} in a segment folder ({@code webm_storage_path}): it names the one catalog whose
 * segments the folder holds, as a comment line and {@code catalog_id=<uuid>}. Written once, atomically (a temporary
 * file forced to disk, then linked into place, which fails rather than replace a marker another server wrote in
 * between), never rewritten by the server.
 */
public final class StorageMarker {
    public static final String FILE_NAME = ".lakehouse-catalog";

    /** A marker is a few dozen bytes; more is not one of ours, and is not read further. */
    static final int MAX_BYTES = 1024;

    private static final String COMMENT = "# The segment folder of one lakehouse catalog: see docs/operations.md"
            + " before you move, copy or delete this file.";
    private static final Pattern ID_LINE = Pattern.compile(
            "^catalog_id=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*$",
            Pattern.MULTILINE);

    private StorageMarker() {}

    /** The marker file of {@code folder}. */
    public static Path of(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    /**
     * @return the catalog the folder's marker names, empty when the folder has no marker
     * @throws InvalidStorageMarkerException when the marker is larger than {@value #MAX_BYTES} bytes, not a file, or
     *     names no catalog (the message names the file, not the folder)
     */
    public static Optional<UUID> read(Path folder) throws IOException {
        Path marker = of(folder);
        if (!Files.exists(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidStorageMarkerException("the marker " + FILE_NAME + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(marker)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException removedMeanwhile) {
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidStorageMarkerException(
                    "the marker " + FILE_NAME + " is larger than " + MAX_BYTES + " bytes: it is no catalog's marker");
        }
        Matcher id = ID_LINE.matcher(new String(bytes, StandardCharsets.UTF_8));
        if (!id.find()) {
            throw new InvalidStorageMarkerException(
                    "the marker " + FILE_NAME + " names no catalog (no line catalog_id=<uuid>)");
        }
        return Optional.of(UUID.fromString(id.group(1)));
    }

    /**
     * Marks {@code folder} as {@code catalogId}'s, unless it has a marker already.
     *
     * @return true when this call wrote the marker, false when the folder had one (read it again)
     */
    public static boolean claim(Path folder, UUID catalogId) throws IOException {
        Path marker = of(folder);
        Path temp = Files.createTempFile(folder, FILE_NAME + "-", ".tmp");
        try {
            readableByAll(temp);
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(text(catalogId).getBytes(StandardCharsets.UTF_8));
            }
            force(temp, StandardOpenOption.READ);
            try {
                Files.createLink(marker, temp);
            } catch (FileAlreadyExistsException markedMeanwhile) {
                return false;
            }
            force(folder, StandardOpenOption.READ);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The one file of the folder that is not owner-only (segment files are, {@code OwnerOnlyFiles} of the ejb
     * module): it holds only a catalog id, and a server, backup or monitoring tool running as another user than the
     * one that claimed the folder must read it, or it would take the folder for another catalog's and refuse every
     * write. A file system without POSIX permissions keeps its own.
     */
    private static void readableByAll(Path temp) throws IOException {
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The marker's content naming {@code catalogId}. */
    static String text(UUID catalogId) {
        return COMMENT + "\ncatalog_id=" + catalogId + "\n";
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
