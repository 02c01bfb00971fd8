package coop.cpc.lakehouse.catalog.storage;

import java.io.IOException;

/** The marker file of a segment folder is there but names no catalog (damaged, too large or not ours). */
public class InvalidStorageMarkerException extends IOException {
    public InvalidStorageMarkerException(String message) {
        super(message);
    }
}
