package coop.cpc.lakehouse.catalog.job;

/** Where a job reads from; stored by name in {@code ingestion_jobs.source_type}. */
public enum SourceType {
    POSTGRES_TABLE,
    POSTGRES_CDC,
    SLED,
    HTTP_API,
    FILE_DROP
}
