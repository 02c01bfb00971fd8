package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.util.Optional;

/**
 * A write was refused because the segment folder ({@code webm_storage_path}) is marked as another catalog's, or
 * its marker names none, or the namespace's folder inside it holds another catalog's marker (code
 * {@code storage-not-owned}). The message names the key (and the catalog ids, or the folder relative to the key),
 * never the folder's path (the server log names it). It is bad input of the server's configuration, so it is an
 * {@link InvalidInputException}: every write that may meet it already declares one.
 */
public class StorageNotOwnedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    /** Causes followed at most (a cycle or a very deep chain stops the search). */
    private static final int MAX_DEPTH = 16;

    public StorageNotOwnedException(SegmentFolderRefusedException refusal) {
        super(refusal.getMessage());
        initCause(refusal);
    }

    /** The refusal among {@code failure} and its causes, as this exception; empty when the failure is another. */
    public static Optional<StorageNotOwnedException> causing(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < MAX_DEPTH; depth++, e = e.getCause()) {
            if (e instanceof StorageNotOwnedException notOwned) {
                return Optional.of(notOwned);
            }
            if (e instanceof SegmentFolderRefusedException refusal) {
                return Optional.of(new StorageNotOwnedException(refusal));
            }
        }
        return Optional.empty();
    }

    /** The verdict on the folder: whose it is and this catalog's id. */
    public StorageVerdict verdict() {
        return ((SegmentFolderRefusedException) getCause()).verdict();
    }
}
