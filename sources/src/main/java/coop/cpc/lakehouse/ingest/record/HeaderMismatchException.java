package coop.cpc.lakehouse.ingest.record;

/**
 * A CSV header cannot feed the schema: a required column is absent, or the header shares no
 * column with the schema. Every row would be rejected, so the whole file is refused instead.
 */
public class HeaderMismatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public HeaderMismatchException(String message) {
        super(message);
    }
}
