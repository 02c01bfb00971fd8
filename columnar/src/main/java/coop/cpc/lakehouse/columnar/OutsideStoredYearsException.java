package coop.cpc.lakehouse.columnar;

/**
 * A timestamp or date outside the years 1 to 9999 was refused: assets store the range PostgreSQL's
 * text forms share with Java's ISO forms, as the PostgreSQL table source and CDC do.
 */
public final class OutsideStoredYearsException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public OutsideStoredYearsException(String message) {
        super(message);
    }
}
