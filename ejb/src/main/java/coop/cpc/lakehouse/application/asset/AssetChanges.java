package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.List;

/**
 * Changes to an asset; a null field is left as it is. {@code expectedVersion}, when given, must be
 * the asset's current version (optimistic locking across requests).
 */
public record AssetChanges(
        String description,
        AssetType assetType,
        Classification classification,
        List<ColumnSpec> columns,
        List<String> tags,
        Long expectedVersion) {}
