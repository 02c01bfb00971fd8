package coop.cpc.lakehouse.columnar;

/** A schema, or a value that does not fit it, was rejected. */
public class SchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
