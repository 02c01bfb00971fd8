package coop.cpc.lakehouse.ingest.secret;

import java.io.IOException;

/** A secret was not handed out: its alias is unknown, has no binding, or is not bound to the destination. */
public class SecretRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public SecretRefusedException(String message) {
        super(message);
    }
}
