package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps local sources (file drops, sled databases) inside the configured {@code local_source_roots}:
 * a folder is accepted only if its real path (symbolic links resolved) lies in a root's real path,
 * and away from the lakehouse's own storage and embedded database folders.
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
     * A local source folder as {@link #requireInsideRoots} accepts it, and apart from the lakehouse's
     * own data: see {@link #requireApartFromLakehouseData}.
     *
     * @return the folder's real path
     */
    public static Path requireLocalSourceFolder(String what, String folder, LakehouseSettings settings)
            throws InvalidInputException {
        Path real = requireInsideRoots(what, folder, settings.localSourceRoots());
        requireApartFromLakehouseData(what, real, settings);
        return real;
    }

    /**
     * Refuses a folder that is, lies inside or holds the segment files ({@code webm_storage_path}) or
     * the embedded PostgreSQL's data ({@code embedded_postgresql_data_path}, when the catalog is the embedded
     * one), by real path: a file drop
     * would claim and quarantine live segment files, a sled job read the catalog's files. The
     * refusal names both folders: they are the administrator's own settings, not roots to hide.
     */
    static void requireApartFromLakehouseData(String what, Path real, LakehouseSettings settings)
            throws InvalidInputException {
        Map<String, Path> data = new LinkedHashMap<>();
        data.put(LakehouseKey.WEBM_STORAGE_PATH.key(), settings.webmStoragePath());
        if (settings.postgresqlConnection().isEmpty()) {
            // Only the launcher's embedded catalog database has a folder here (the launcher passes it absolute).
            data.put(LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH.key(), settings.embeddedPostgresqlDataPath());
        }
        for (Map.Entry<String, Path> entry : data.entrySet()) {
            Path theirs = realOrAbsolute(entry.getValue());
            if (real.startsWith(theirs) || theirs.startsWith(real)) {
                String relation = real.equals(theirs) ? "is" : real.startsWith(theirs) ? "lies inside" : "holds";
                throw new InvalidInputException(what + " '" + shown(real.toString()) + "' " + relation + " the folder "
                        + entry.getKey() + " names (" + shown(theirs.toString())
                        + "); a local source may not touch the lakehouse's own files");
            }
        }
    }

    /** The real path of a folder that exists; the absolute, normalized path of one not created yet. */
    private static Path realOrAbsolute(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
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
