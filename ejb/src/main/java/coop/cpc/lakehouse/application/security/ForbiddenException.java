package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.application.LakehouseException;

/**
 * The caller may not do this: its roles do not allow the operation, the purpose it declared, or
 * the rows it asked for. Error code {@code forbidden}; the message says no more, so that a refusal
 * tells an attacker nothing about what exists or which role would do.
 */
public class ForbiddenException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException() {
        super("forbidden");
    }
}
