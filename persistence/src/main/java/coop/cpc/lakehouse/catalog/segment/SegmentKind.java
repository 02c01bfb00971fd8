package coop.cpc.lakehouse.catalog.segment;

/** What rows a segment holds; stored by name in {@code webm_columnar.kind}. */
public enum SegmentKind {
    /** Full rows. */
    DATA,
    /** CDC change events, merged by primary key and commit order on read. */
    CHANGES,
    /** Primary keys only: each hides the versions of its key with a lower data sequence (merge-on-read). */
    DELETES
}
