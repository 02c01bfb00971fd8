package coop.cpc.lakehouse.application.asset.internal;

import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.util.Optional;

/** An asset service over an in-memory catalog, default settings, outside a container. */
public final class AssetServiceFixture {
    private AssetServiceFixture() {}

    public static DefaultAssetService wired(InMemoryCatalog catalog) {
        DefaultAssetService service = new DefaultAssetService();
        service.assets = catalog.assets;
        service.snapshots = catalog.snapshots;
        service.segments = catalog.segments;
        service.runs = catalog.runs;
        service.settings = LakehouseSettings.from(name -> Optional.empty());
        return service;
    }
}
