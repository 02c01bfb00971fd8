package coop.cpc.lakehouse.application;

/**
 * A failure the caller can act on. Its message is meant for the client and never carries
 * internal details; {@link #code()} is a stable, machine-readable error code.
 */
public abstract class LakehouseException extends Exception {
    private static final long serialVersionUID = 1L;

    protected LakehouseException(String message) {
        super(message);
    }

    /** A stable error code such as {@code INVALID_INPUT} or {@code UNKNOWN_ASSET}. */
    public abstract String code();
}
