package coop.cpc.lakehouse.ingest.postgres;

import java.sql.SQLException;

/**
 * A source database could not be connected to, or the connection was not permitted. The message is
 * the same whatever the reason (refused by a guard, no such host or database, wrong password), so a
 * run's exit status cannot be used to scan a network; the reason is logged on the server.
 */
public class SourceConnectionException extends SQLException {
    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "cannot read source: connection refused or not permitted";

    public SourceConnectionException() {
        super(MESSAGE, "08001");
    }
}
