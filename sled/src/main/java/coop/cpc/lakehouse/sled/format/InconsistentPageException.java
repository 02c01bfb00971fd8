package coop.cpc.lakehouse.sled.format;

/**
 * A page's fragments decode but do not fit together (a key update on an index node, a merge
 * confirmation without an intention...). sled itself would panic on such a page.
 */
public final class InconsistentPageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InconsistentPageException(String message) {
        super(message);
    }
}
