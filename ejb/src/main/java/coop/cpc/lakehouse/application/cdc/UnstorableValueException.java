package coop.cpc.lakehouse.application.cdc;

/**
 * A source value the asset's column cannot hold: a timestamp or date at PostgreSQL's {@code infinity}, or
 * outside the years 1 to 9999 the PostgreSQL table source stores (it rejects such rows with the same reason).
 * {@link UnstorableValues} decides what the stream does with it.
 */
final class UnstorableValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param value  the value as the message shows it (PostgreSQL's text where Debezium keeps it)
     * @param reason what is wrong with it, as the PostgreSQL table source says it
     */
    UnstorableValueException(String value, String reason) {
        super("'" + value + "' " + reason);
    }
}
