package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.Names;

/**
 * A source table gained a column whose name is not a lakehouse column name ({@link Names#RULE}): the asset
 * cannot take the column, and a stream may not skip the change, so it stops there (the committed offset stays
 * before the change's transaction).
 */
final class UnacceptedColumnNameFailure extends StreamHaltingFailure {
    private static final long serialVersionUID = 1L;

    UnacceptedColumnNameFailure(String source, String table, String column) {
        super(source + ": table " + table + " has a new column '" + Names.abbreviate(column)
                + "', which is not a lakehouse column name (expected " + Names.RULE
                + ": a lower-case letter, then up to 62 lower-case letters, digits or '_'), so its changes cannot be"
                + " stored and the stream stops at the first of them (nothing of its transaction is applied). A stream"
                + " cannot skip a change: to go on, rename the column in the source to such a name, delete the stream"
                + " (deleteCdcStream with dropSlot: true) and its assets, and create it again (its initial snapshot"
                + " copies the tables anew; docs/cdc.md, Known limits)");
    }
}
