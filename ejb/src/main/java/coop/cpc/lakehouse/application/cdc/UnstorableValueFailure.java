package coop.cpc.lakehouse.application.cdc;

/**
 * A change holds a value its asset cannot store in a column that cannot be null: a stream may not skip a
 * change, so it stops there (the committed offset stays before the change's transaction).
 */
final class UnstorableValueFailure extends StreamHaltingFailure {
    private static final long serialVersionUID = 1L;

    UnstorableValueFailure(String source, String table, String column, UnstorableValueException reason) {
        super(source + ": table " + table + ", column " + column + ": " + reason.getMessage()
                + ", and the column cannot be null (NOT NULL or part of the key), so the change cannot be stored"
                + " and the stream stops at it (nothing of its transaction is applied). A stream cannot skip a"
                + " change: to go on, change the value in the source, delete the stream (deleteCdcStream with"
                + " dropSlot: true) and its assets, and create it again (its initial snapshot copies the tables"
                + " anew; docs/cdc.md, Types)");
    }
}
