package coop.cpc.lakehouse.columnar;

import java.io.IOException;

/** A segment's bytes are not what the format allows; the message names the element and offset. */
public final class CorruptSegmentException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String element;
    private final long offset;

    public CorruptSegmentException(String problem, String element, long offset) {
        super(problem + " in " + element + " at offset " + offset);
        this.element = element;
        this.offset = offset;
    }

    public CorruptSegmentException(String problem, String element, long offset, Throwable cause) {
        this(problem, element, offset);
        initCause(cause);
    }

    /** The Matroska name of the element where the problem was found. */
    public String element() {
        return element;
    }

    /** The absolute byte offset of that element in the file. */
    public long offset() {
        return offset;
    }
}
