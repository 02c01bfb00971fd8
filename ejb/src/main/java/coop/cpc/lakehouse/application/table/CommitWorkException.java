package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.LakehouseException;

/** The caller's work in a table commit failed: nothing of the commit was written. The cause says why. */
public class CommitWorkException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public CommitWorkException(Throwable cause) {
        super("the work committed with the table changes failed, so nothing was committed");
        initCause(cause);
    }
}
