package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.LakehouseException;

/** An asset with the same namespace and name exists already. */
public class AssetAlreadyExistsException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public AssetAlreadyExistsException(String namespace, String name) {
        super("An asset " + namespace + "." + name + " exists already");
    }

    /** @param why why the existing asset stays (appended to the message) */
    public AssetAlreadyExistsException(String namespace, String name, String why) {
        super("An asset " + namespace + "." + name + " exists already " + why);
    }
}
