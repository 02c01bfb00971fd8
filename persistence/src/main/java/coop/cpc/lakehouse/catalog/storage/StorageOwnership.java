package coop.cpc.lakehouse.catalog.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules that decide whether a segment folder is this catalog's:
 *
 * <ul>
 *   <li>its marker names this catalog: it is ({@code OWNED});
 *   <li>its marker names another catalog, or is unreadable: it is not, and is never re-claimed by the server
 *       ({@code FOREIGN}, {@code INVALID_MARKER});
 *   <li>it has no marker: this catalog claims it (writes the marker) when every segment file in it is one this
 *       catalog knows (none at all: a new folder); otherwise it stays unclaimed ({@code UNCLAIMED}), and is checked
 *       again the next time.
 * </ul>
 */
public final class StorageOwnership {

    /** The segment files of a folder the catalog does not know (neither a segment, nor staged, nor held). */
    @FunctionalInterface
    public interface UnknownFiles {
        /** @return their paths, relative to the folder (the first ones found will do: one is enough to refuse) */
        List<String> in(Path folder) throws IOException;
    }

    private StorageOwnership() {}

    /** The verdict on {@code folder} (an existing folder) for catalog {@code catalogId}, claiming it when the rules allow. */
    public static StorageVerdict check(Path folder, UUID catalogId, UnknownFiles unknownFiles) throws IOException {
        Optional<StorageVerdict> marked = marked(folder, catalogId);
        if (marked.isPresent()) {
            return marked.get();
        }
        List<String> unknown = unknownFiles.in(folder);
        if (!unknown.isEmpty()) {
            return new StorageVerdict(
                    StorageVerdict.Kind.UNCLAIMED,
                    catalogId,
                    null,
                    "at least " + unknown.size() + " segment file(s) (" + unknown.get(0)
                            + (unknown.size() > 1 ? ", ..." : "") + ")");
        }
        if (StorageMarker.claim(folder, catalogId)) {
            return StorageVerdict.owned(catalogId);
        }
        // Another server wrote a marker between the read and the claim: its word stands.
        return marked(folder, catalogId)
                .orElseThrow(() -> new IOException("The marker of " + folder + " vanished while it was claimed"));
    }

    /** The verdict the folder's marker alone gives (empty: no marker), never claiming. */
    public static Optional<StorageVerdict> marked(Path folder, UUID catalogId) {
        Optional<UUID> marker;
        try {
            marker = StorageMarker.read(folder);
        } catch (InvalidStorageMarkerException e) {
            return Optional.of(new StorageVerdict(StorageVerdict.Kind.INVALID_MARKER, catalogId, null, e.getMessage()));
        } catch (IOException e) {
            return Optional.of(new StorageVerdict(
                    StorageVerdict.Kind.INVALID_MARKER,
                    catalogId,
                    null,
                    "the marker " + StorageMarker.FILE_NAME + " cannot be read ("
                            + e.getClass().getSimpleName() + ")"));
        }
        return marker.map(id -> id.equals(catalogId)
                ? StorageVerdict.owned(catalogId)
                : new StorageVerdict(StorageVerdict.Kind.FOREIGN, catalogId, id, null));
    }
}
