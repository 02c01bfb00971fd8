package coop.cpc.lakehouse.application;

/**
 * The caller may not do this (its roles, or the purpose it declared). The message says no more
 * than that, so it helps no attacker. GraphQL error code: {@code forbidden}.
 */
public class ForbiddenException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException() {
        super("Forbidden: the caller may not perform this operation");
    }
}
