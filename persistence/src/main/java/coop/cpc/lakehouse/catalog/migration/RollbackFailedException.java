package coop.cpc.lakehouse.catalog.migration;

/** A rollback script is missing or failed; the schema is left as it was before that script. */
public class RollbackFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RollbackFailedException(String message) {
        super(message);
    }

    public RollbackFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
