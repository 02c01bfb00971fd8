package coop.cpc.lakehouse.catalog.job;

/** State of a job's latest run; stored by name in {@code ingestion_jobs.status}. */
public enum JobStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED
}
