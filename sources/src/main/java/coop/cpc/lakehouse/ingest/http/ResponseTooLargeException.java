package coop.cpc.lakehouse.ingest.http;

import java.io.IOException;

/** A response body passed the configured byte limit; reading stopped there. */
final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ResponseTooLargeException(int status, long limit) {
        super("response exceeds " + limit + " bytes (maxResponseBytes)");
        this.status = status;
    }

    int status() {
        return status;
    }
}
