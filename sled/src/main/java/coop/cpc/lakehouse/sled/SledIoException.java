package coop.cpc.lakehouse.sled;

import java.io.IOException;
import java.nio.file.Path;

/** The operating system failed to read a file of the database. */
public final class SledIoException extends SledException {

    private static final long serialVersionUID = 1L;

    public SledIoException(Path file, IOException cause) {
        super("cannot read " + file + ": " + cause.getMessage(), cause);
    }

    public SledIoException(Path file, String reason) {
        super("cannot read " + file + ": " + reason);
    }
}
