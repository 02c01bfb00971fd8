package coop.cpc.lakehouse.launcher;

import java.io.IOException;

/** A port the launcher must listen on is taken by another program; the message names the port and the key that sets it. */
public final class PortInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
        super(message);
    }
}
