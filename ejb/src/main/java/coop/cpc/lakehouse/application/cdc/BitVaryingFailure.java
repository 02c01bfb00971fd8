package coop.cpc.lakehouse.application.cdc;

/**
 * A change carries a {@code bit varying} column (added to the source table after the stream was created, which
 * refuses the type): Debezium sends its values without their leading zeros, so they cannot be stored exactly, and
 * a stream may not skip the change, so it stops there (the committed offset stays before the change's transaction).
 */
final class BitVaryingFailure extends StreamHaltingFailure {
    private static final long serialVersionUID = 1L;

    BitVaryingFailure(String source, String table, String column) {
        super(source + ": table " + table + ", column " + column + " has type bit varying, whose values the CDC"
                + " connector sends without their leading zeros (B'0011' as B'11'), so they cannot be stored exactly"
                + " and the stream stops at the first change that carries it (nothing of its transaction is applied)."
                + " A stream cannot skip a change: to go on, change the column's type in the source (bit(n) or text),"
                + " delete the stream (deleteCdcStream with dropSlot: true) and its assets, and create it again"
                + " (docs/cdc.md, Types)");
    }
}
