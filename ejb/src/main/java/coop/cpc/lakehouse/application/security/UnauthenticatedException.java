package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.application.LakehouseException;

/** The call carries no valid token (none, expired, or not from the trusted issuer). Error code {@code unauthenticated}. */
public class UnauthenticatedException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "authentication required";

    public UnauthenticatedException() {
        super(MESSAGE);
    }
}
