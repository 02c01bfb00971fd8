package coop.cpc.lakehouse.catalog.asset;

/** What kind of data an asset holds; stored by name in {@code data_assets.asset_type}. */
public enum AssetType {
    STRUCTURED,
    SEMI_STRUCTURED,
    UNSTRUCTURED,
    TIME_SERIES,
    GEOSPATIAL,
    GRAPH
}
