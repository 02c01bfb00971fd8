package coop.cpc.lakehouse.application.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates table data (segment files, their staging files, rejects files) and its folders readable by the server's
 * account only: files {@code rw-------}, folders {@code rwx------}. The permissions are given at creation, so there
 * is no moment at which another local account could open the file, and they do not depend on the umask of whoever
 * started the server (WildFly from a shell: 022, world-readable). On a file system without POSIX permissions the
 * files are created as before, with the folder's own access control.
 */
public final class OwnerOnlyFiles {
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnlyFiles() {}

    /** As {@link Files#createDirectories}: each folder it creates is {@code rwx------}; existing ones are left as they are. */
    public static Path createDirectories(Path folder) throws IOException {
        return posix(folder) ? Files.createDirectories(folder, OWNER_ONLY_FOLDER) : Files.createDirectories(folder);
    }

    /**
     * As {@link Files#newOutputStream} with the options given (for example {@code CREATE_NEW}, or {@code CREATE} and
     * {@code APPEND}): a file it creates is {@code rw-------}; an existing file keeps its permissions.
     */
    public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> writing = new HashSet<>(List.of(options));
        writing.add(StandardOpenOption.WRITE);
        return Channels.newOutputStream(
                posix(file)
                        ? Files.newByteChannel(file, writing, OWNER_ONLY_FILE)
                        : Files.newByteChannel(file, writing));
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
