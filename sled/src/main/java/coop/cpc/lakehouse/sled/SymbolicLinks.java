package coop.cpc.lakehouse.sled;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether opening a database follows symbolic links. {@link #REFUSE} is for directories an
 * untrusted party may have prepared (an ingestion inbox): a link named {@code conf}, {@code db},
 * {@code blobs} or {@code blobs/<lsn>} could make the reader read a database, or any file, from
 * elsewhere. sled itself never creates links.
 */
public enum SymbolicLinks {
    /** Follow links, like any program reading the files (the command-line tools). */
    FOLLOW,
    /** Refuse a database directory that is a link or holds one, among its files or in {@code blobs/}. */
    REFUSE;

    /** @throws SledIoException naming the first link found */
    void check(Path directory) {
        if (this == FOLLOW) {
            return;
        }
        requireNoLink(directory);
        try {
            if (!directory.toRealPath().equals(directory.toAbsolutePath().normalize())) {
                throw new SledIoException(directory, "reached through a symbolic link; refused");
            }
            checkEntries(directory);
            Path blobs = directory.resolve("blobs");
            if (Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
                checkEntries(blobs);
            }
        } catch (IOException e) {
            throw new SledIoException(directory, e);
        }
    }

    /** @throws SledIoException if the path itself is a link (its parents are not looked at) */
    static void requireNoLink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw new SledIoException(path, "is a symbolic link; refused");
        }
    }

    private static void checkEntries(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                requireNoLink(entry);
            }
        }
    }
}
