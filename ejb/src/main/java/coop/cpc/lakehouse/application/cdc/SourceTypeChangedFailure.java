package coop.cpc.lakehouse.application.cdc;

/**
 * A source column's type changed to one its asset's column cannot hold exactly ({@link SourceTypeChangeException}):
 * a stream may not skip the change nor store it wrongly, so it stops there (the committed offset stays before the
 * change's transaction).
 */
final class SourceTypeChangedFailure extends StreamHaltingFailure {
    private static final long serialVersionUID = 1L;

    SourceTypeChangedFailure(String source, String table, String column, SourceTypeChangeException reason) {
        super(source + ": table " + table + ", column " + column + ": the source column's type changed: "
                + reason.getMessage() + ", which the column cannot hold exactly (its values would be wrapped, rounded"
                + " or read as another type), so the stream stops at the first change of the new type (nothing of its"
                + " transaction is applied). A stream cannot skip a change: to go on, delete the stream"
                + " (deleteCdcStream with dropSlot: true) and its assets, and create it again (its initial snapshot"
                + " copies the tables with their new types; docs/cdc.md, Known limits)");
    }
}
