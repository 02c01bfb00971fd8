package coop.cpc.lakehouse.ingest.postgres;

/** The source table cannot be read as asked: it does not exist, lacks a column, or the read failed. */
public class SourceTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceTableException(String message) {
        super(message);
    }
}
