package coop.cpc.lakehouse.application.source;

/**
 * Where a job's next run starts, kept in {@code ingestion_jobs.source_state} after a run commits.
 * Each kind that reads incrementally has its own record (PostgreSQL tables: the last key).
 */
public interface NextRunState {}
