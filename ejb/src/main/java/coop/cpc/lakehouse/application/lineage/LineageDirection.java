package coop.cpc.lakehouse.application.lineage;

/** Which way to walk lineage from an asset: to its sources, to what it feeds, or both. */
public enum LineageDirection {
    UPSTREAM,
    DOWNSTREAM,
    BOTH
}
