package coop.cpc.lakehouse.ingest.http;

/** A request was not sent because its target is not a public http(s) address. */
public class SsrfRefusedException extends HttpSourceException {

    private static final long serialVersionUID = 1L;

    public SsrfRefusedException(String url, String message) {
        super(url, NO_STATUS, message, null);
    }
}
