package coop.cpc.lakehouse.ingest.files;

import java.io.IOException;

/**
 * A file name or path would lead outside the drop directory: a separator, {@code ..}, a symbolic
 * link, a real path elsewhere.
 */
public class UnsafePathException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnsafePathException(String message) {
        super(message);
    }
}
