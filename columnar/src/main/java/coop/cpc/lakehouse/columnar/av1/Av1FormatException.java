package coop.cpc.lakehouse.columnar.av1;

import java.io.IOException;

/**
 * A bitstream that is malformed or outside the lossless monochrome AV1 subset this package writes.
 * The message names the byte offset, the syntax element and what is wrong with it.
 */
public final class Av1FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public Av1FormatException(String message) {
        super(message);
    }
}
