package coop.cpc.lakehouse.application.cdc;

/**
 * An open source transaction reached {@code cdc_max_transaction_changes} changes. A source transaction is
 * applied whole at its COMMIT, so its changes are held in memory until then; rather than fill the heap, the
 * stream stops and applies nothing of it (the committed offset stays before its BEGIN, so no change is lost).
 */
final class TransactionTooLargeException extends StreamHaltingFailure {
    private static final long serialVersionUID = 1L;

    TransactionTooLargeException(String stream, String transactionId, int limit) {
        super("CDC stream " + stream + ": source transaction "
                + (transactionId == null ? "(id unknown)" : transactionId) + " has more than " + limit
                + " changes, the most cdc_max_transaction_changes lets one transaction hold in memory; nothing of it"
                + " was applied. Raise cdc_max_transaction_changes (at most 4194304, with heap to match) and restart"
                + " the server: the stream reads the transaction again from its BEGIN (docs/cdc.md)");
    }
}
