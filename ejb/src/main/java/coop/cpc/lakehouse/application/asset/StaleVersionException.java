package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.LakehouseException;

/** The client changed an asset based on a version that another change has replaced. */
public class StaleVersionException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(long expected, long current) {
        super("The asset is at version " + current + ", not " + expected + ": read it again and retry");
    }
}
