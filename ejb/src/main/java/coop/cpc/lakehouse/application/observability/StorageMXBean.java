package coop.cpc.lakehouse.application.observability;

/** JMX {@code coop.cpc.lakehouse:type=Storage}: the catalog's assets and live segments, and orphan files on disk. */
public interface StorageMXBean {

    long getAssets();

    /** Segment files of the current snapshots (not removed by a later snapshot). */
    long getSegments();

    /** Bytes of those segment files. */
    long getBytes();

    /** Files under webm_storage_path that the hourly cleanup would delete now. */
    long getOrphanFiles();
}
