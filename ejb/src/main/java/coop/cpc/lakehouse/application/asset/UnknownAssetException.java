package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.LakehouseException;

/** No asset has the given id or name. */
public class UnknownAssetException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public UnknownAssetException(String what) {
        super("No asset " + what);
    }
}
