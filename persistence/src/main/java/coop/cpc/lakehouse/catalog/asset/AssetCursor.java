package coop.cpc.lakehouse.catalog.asset;

import java.util.Objects;

/** Position after which the next page of assets starts, in (namespace, name) order. */
public record AssetCursor(String namespace, String name) {

    public AssetCursor {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The cursor that continues after the given asset. */
    public static AssetCursor after(DataAsset asset) {
        return new AssetCursor(asset.getNamespace(), asset.getName());
    }
}
