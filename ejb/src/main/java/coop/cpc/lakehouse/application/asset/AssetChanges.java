package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.List;

/**
 * Changes to an asset; a null field is left as it is. {@code expectedVersion}, when given, must be
 * the asset's current version (optimistic locking across requests). {@code sortOrder}: the columns
 * rows are sorted by inside each segment written from now on (an empty list removes the order).
 */
public record AssetChanges(
        String description,
        AssetType assetType,
        Classification classification,
        List<ColumnSpec> columns,
        List<String> tags,
        Long expectedVersion,
        List<String> sortOrder) {

    /** Changes that leave the sort order as it is. */
    public AssetChanges(
            String description,
            AssetType assetType,
            Classification classification,
            List<ColumnSpec> columns,
            List<String> tags,
            Long expectedVersion) {
        this(description, assetType, classification, columns, tags, expectedVersion, null);
    }
}
