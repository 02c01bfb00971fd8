package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.io.IOException;

/**
 * A write or delete in the segment folder was refused: the folder is not this catalog's ({@link StorageClaim}). An
 * I/O failure where it happens (it crosses the file code wrapped like any); the services hand it to their callers as
 * {@link StorageNotOwnedException}.
 */
public class SegmentFolderRefusedException extends IOException {
    private final transient StorageVerdict verdict;

    public SegmentFolderRefusedException(StorageVerdict verdict) {
        // The key, not the path: the message may reach a client (the server log names the path).
        super(verdict.message("webm_storage_path"));
        this.verdict = verdict;
    }

    public StorageVerdict verdict() {
        return verdict;
    }
}
