package coop.cpc.lakehouse.catalog.asset;

/** Sensitivity of an asset, least to most; stored by name in {@code data_assets.classification}. */
public enum Classification {
    PUBLIC,
    INTERNAL,
    SENSITIVE,
    PHI
}
