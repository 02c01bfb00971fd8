package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The schemas of a stream's assets as its consumer last read them, kept from commit to commit so that a
 * commit does not read each asset's row again just to map the changes to its columns. The mapping only
 * proposes columns: staging fits the rows to the asset's current schema and the commit checks it again
 * under the asset's lock, so a schema another writer changed meanwhile is still honoured. An asset whose
 * commit adds columns is read again for the next one; a failed commit forgets everything.
 */
public final class AssetSchemas {
    private final Map<UUID, AssetSchema> known = new HashMap<>();

    AssetSchema get(UUID assetId) {
        return known.get(assetId);
    }

    void put(UUID assetId, AssetSchema schema) {
        known.put(assetId, schema);
    }

    void forget(UUID assetId) {
        known.remove(assetId);
    }

    void clear() {
        known.clear();
    }
}
