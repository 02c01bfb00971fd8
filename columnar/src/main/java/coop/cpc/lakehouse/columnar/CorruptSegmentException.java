package coop.cpc.lakehouse.columnar;

import java.io.IOException;
import java.util.Optional;

/**
 * A segment's bytes are not what the format allows; the message names the element and offset, and the file when
 * the segment was read from one.
 */
public final class CorruptSegmentException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String element;
    private final long offset;
    private final String file;

    public CorruptSegmentException(String problem, String element, long offset) {
        this(problem + " in " + element + " at offset " + offset, element, offset, null, null);
    }

    public CorruptSegmentException(String problem, String element, long offset, Throwable cause) {
        this(problem + " in " + element + " at offset " + offset, element, offset, null, cause);
    }

    private CorruptSegmentException(String message, String element, long offset, String file, Throwable cause) {
        super(message, cause);
        this.element = element;
        this.offset = offset;
        this.file = file;
    }

    /**
     * This problem in the named file ({@code "... at offset 1234 of /data/a.webm"}); this exception itself when the
     * name is null (a segment in memory) or when it names its file already.
     */
    public CorruptSegmentException inFile(String name) {
        if (name == null || file != null) {
            return this;
        }
        return new CorruptSegmentException(getMessage() + " of " + name, element, offset, name, this);
    }

    /** The Matroska name of the element where the problem was found. */
    public String element() {
        return element;
    }

    /** The absolute byte offset of that element in the file. */
    public long offset() {
        return offset;
    }

    /** The file the segment was read from, if it was read from one. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }
}
