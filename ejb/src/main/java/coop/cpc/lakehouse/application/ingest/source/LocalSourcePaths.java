package coop.cpc.lakehouse.application.ingest.source;

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

    private LocalSourcePaths() {
    }

    /** @return the folder's real path */
    public static Path requireInsideRoots(String what, String folder, List<Path> roots) throws InvalidInputException {
        if (folder == null || folder.isBlank()) {
            throw new InvalidInputException(what + " must be given");
        }
        // One answer for "does not exist", "not a folder" and "outside the roots": a refusal must not tell
        // which paths exist on the server, nor echo the configured roots.
        InvalidInputException refused = new InvalidInputException(what + " " + coop.cpc.lakehouse.application.Names.abbreviate(folder)
                + " is not a readable folder inside the folders local sources may read (data_lakehouse.local_source_roots)");
        Path real;
        try {
            real = Path.of(folder).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw refused;
        }
        if (!Files.isDirectory(real)) {
            throw refused;
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return real;
                }
            } catch (IOException e) {
                // A configured root that does not exist contains nothing.
            }
        }
        throw refused;
    }
}
