package coop.cpc.lakehouse.columnar;

import java.util.Optional;

/**
 * Text that {@link Values#parse} refused as a value of its type. The message names the text (and the reason); the
 * reason alone is there for a caller that names the text its own way (a rejected record's "column 'x' expects …, got
 * …").
 */
public final class InvalidValueTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    InvalidValueTextException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the text is refused, when there is more to say than that it is not a value of the type. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
