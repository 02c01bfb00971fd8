package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.asset.ColumnType;

/**
 * A change's values are of another type than the asset's column (the source column's type changed), and the
 * column cannot hold every value of that type exactly: converting them would wrap, round or reinterpret them.
 */
final class SourceTypeChangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param sent      the lakehouse type the change's column would have as a new column
     * @param debezium  Debezium's name of the change's schema (its logical name, else its Connect type)
     */
    SourceTypeChangeException(ColumnType column, ColumnType sent, String debezium) {
        super("the asset's column is " + column + " and the change's is " + sent + " (Debezium " + debezium + ")");
    }
}
