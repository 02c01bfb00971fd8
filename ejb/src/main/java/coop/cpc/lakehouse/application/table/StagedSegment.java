package coop.cpc.lakehouse.application.table;

/**
 * A segment file written and renamed into place, not yet part of any snapshot.
 *
 * @param path                 relative to {@code webm_storage_path}
 * @param columnStatisticsJson per column min, max and null count, as stored in the catalog
 */
public record StagedSegment(String path, long rowCount, long byteSize, String sha256, String columnStatisticsJson) {}
