package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.LakehouseException;

/** Time travel (or a change feed) asked for a snapshot that snapshot expiry removed. */
public class SnapshotExpiredException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public SnapshotExpiredException(String message) {
        super(message);
    }
}
