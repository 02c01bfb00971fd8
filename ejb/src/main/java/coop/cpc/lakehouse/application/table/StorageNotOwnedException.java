package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.io.IOException;

/** A write or delete in the segment folder was refused: the folder is not this catalog's ({@link StorageClaim}). */
public class StorageNotOwnedException extends IOException {
    private final transient StorageVerdict verdict;

    public StorageNotOwnedException(StorageVerdict verdict) {
        // The key, not the path: the message may reach a client (the server log names the path).
        super(verdict.message("webm_storage_path"));
        this.verdict = verdict;
    }

    public StorageVerdict verdict() {
        return verdict;
    }
}
