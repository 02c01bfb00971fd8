package coop.cpc.lakehouse.sled;

import java.nio.file.Path;

/** A file of the database holds bytes that sled 0.34 could not have written there. */
public final class CorruptSledFileException extends SledException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptSledFileException(Path file, long offset, String reason) {
        super(file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public CorruptSledFileException(Path file, long offset, String reason, Throwable cause) {
        super(file + " at offset " + offset + ": " + reason, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Byte offset inside {@link #file()} where the damage was found. */
    public long offset() {
        return offset;
    }
}
