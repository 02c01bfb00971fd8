package coop.cpc.lakehouse.sled;

/**
 * Base of every failure the reader reports. Unchecked because pairs are streamed through
 * {@link java.util.Iterator}, which cannot throw checked exceptions.
 */
public abstract class SledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected SledException(String message) {
        super(message);
    }

    protected SledException(String message, Throwable cause) {
        super(message, cause);
    }
}
