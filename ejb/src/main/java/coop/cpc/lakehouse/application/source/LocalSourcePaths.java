package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps local sources (file drops, sled databases) inside the configured {@code local_source_roots}:
 * a folder is accepted only if its real path (symbolic links resolved) lies in a root's real path.
 */
public final class LocalSourcePaths {

    private LocalSourcePaths() {}

    /**
     * @return the folder's real path
     * @throws InvalidInputException with one message whether the folder is missing, not a folder or
     *                               outside the roots, and without the roots' values: a refusal must
     *                               not tell which paths exist or where the roots are
     */
    public static Path requireInsideRoots(String what, String folder, List<Path> roots) throws InvalidInputException {
        if (folder == null || folder.isBlank()) {
            throw new InvalidInputException(what + " must be given");
        }
        InvalidInputException refused = new InvalidInputException(what + " '" + shown(folder) + "' is missing, not a "
                + "folder, or outside the folders local sources may read (data_lakehouse.local_source_roots)");
        Path real;
        try {
            real = Path.of(folder).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw refused;
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath()) && Files.isDirectory(real)) {
                    return real;
                }
            } catch (IOException e) {
                // A configured root that does not exist contains nothing.
            }
        }
        throw refused;
    }

    /**
     * Refuses a folder given as a symbolic link, or holding one among the named entries: the real
     * path being inside a root does not make a link's target the folder the job names.
     */
    public static void requireNoLinks(String what, String folder, List<String> entries) throws InvalidInputException {
        Path given = Path.of(folder);
        if (Files.isSymbolicLink(given)) {
            throw new InvalidInputException(
                    what + " '" + shown(folder) + "' is a symbolic link; give the folder itself");
        }
        for (String entry : entries) {
            if (Files.isSymbolicLink(given.resolve(entry))) {
                throw new InvalidInputException(
                        what + " '" + shown(folder) + "' holds a symbolic link (" + entry + "); links are refused");
            }
        }
    }

    private static String shown(String folder) {
        return folder.length() <= 200 ? folder : folder.substring(0, 197) + "...";
    }
}
