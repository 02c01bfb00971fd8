package coop.cpc.lakehouse.catalog.asset;

/**
 * Sensitivity of an asset, least to most; stored by name in {@code data_assets.classification}.
 * It limits which roles read the asset's rows (see the application's RowAccessPolicy).
 */
public enum Classification {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED,
    PHI
}
