package coop.cpc.lakehouse.catalog.snapshot;

/** What a commit did to its asset; stored by name in {@code asset_snapshots.operation}. */
public enum SnapshotOperation {
    APPEND,
    OVERWRITE,
    CDC,
    COMPACT,
    DELETE,
    /** Rows that replace older versions of their primary keys (merge-on-read). */
    UPSERT
}
