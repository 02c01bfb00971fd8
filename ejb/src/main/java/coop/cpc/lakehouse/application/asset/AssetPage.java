package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.List;

/** One page of assets in (namespace, name) order, and whether more follow. */
public record AssetPage(List<DataAsset> assets, boolean hasNextPage) {

    public AssetPage {
        assets = List.copyOf(assets);
    }
}
