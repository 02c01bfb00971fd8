package coop.cpc.lakehouse.ingest.http;

import java.io.IOException;

/**
 * A page could not be fetched or read. The message names the request with its query values
 * masked, the page, and the HTTP status when there was one; never a credential.
 */
public class HttpSourceException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Status when no HTTP response was involved. */
    public static final int NO_STATUS = -1;

    private final String url;
    private final int status;

    public HttpSourceException(String url, int status, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
    }

    /** The URL as the message shows it: no user info, query values masked. */
    public String url() {
        return url;
    }

    /** The HTTP status, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }
}
