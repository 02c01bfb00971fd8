package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.List;

/** What a client gives to create an asset; validated by the service. */
public record NewAsset(
        String namespace,
        String name,
        String description,
        AssetType assetType,
        Classification classification,
        List<ColumnSpec> columns,
        List<String> tags,
        List<String> sortOrder) {

    public NewAsset {
        columns = columns == null ? List.of() : List.copyOf(columns);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sortOrder = sortOrder == null ? List.of() : List.copyOf(sortOrder);
    }

    /** An asset whose rows are written in the order they arrive (no sort order). */
    public NewAsset(
            String namespace,
            String name,
            String description,
            AssetType assetType,
            Classification classification,
            List<ColumnSpec> columns,
            List<String> tags) {
        this(namespace, name, description, assetType, classification, columns, tags, List.of());
    }
}
