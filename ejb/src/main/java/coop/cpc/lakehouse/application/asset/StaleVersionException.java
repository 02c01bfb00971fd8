package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.LakehouseException;

/** The client changed an asset (or another versioned thing) based on a version that another change has replaced. */
public class StaleVersionException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(long expected, long current) {
        this("asset", expected, current);
    }

    /** @param what what was changed, as the client knows it, e.g. {@code ingestion job visits} */
    public StaleVersionException(String what, long expected, long current) {
        super("The " + what + " is at version " + current + ", not " + expected + ": read it again and retry");
    }
}
