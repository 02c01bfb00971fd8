package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.LakehouseException;

/** Another commit moved the asset's current snapshot since this writer read it. */
public class CommitConflictException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public CommitConflictException(String asset, Object expected, Object actual) {
        super("Asset " + asset + " moved from snapshot " + expected + " to " + actual + " during the commit");
    }
}
