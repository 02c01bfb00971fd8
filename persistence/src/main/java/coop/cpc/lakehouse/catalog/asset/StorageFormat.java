package coop.cpc.lakehouse.catalog.asset;

/** How an asset's rows are stored; stored by name in {@code data_assets.storage_format}. */
public enum StorageFormat {
    WEBM_COLUMNAR
}
