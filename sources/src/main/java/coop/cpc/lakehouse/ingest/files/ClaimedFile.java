package coop.cpc.lakehouse.ingest.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A dropped file this process owns: moved into {@code processing/} under a claim name no other
 * claimer can produce.
 *
 * @param path         where it is now, {@code processing/<claimName>}
 * @param claimName    its name in {@code processing/}: a random claim id, {@code _}, the original
 *                     name; what a checkpoint stores to find it again after a restart
 * @param originalName the name it was dropped under
 * @param sourceUri    where it was dropped, {@code file:/abs/drop/dir/name}, for lineage
 */
public record ClaimedFile(Path path, String claimName, String originalName, String sourceUri) {

    public ClaimedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(claimName, "claimName");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(sourceUri, "sourceUri");
    }
}
