-- Undoes V2__ingestion_runs.sql.
DROP TABLE IF EXISTS staged_segments;
DROP TABLE IF EXISTS ingestion_runs;
ALTER TABLE IF EXISTS ingestion_jobs
    DROP CONSTRAINT IF EXISTS ingestion_jobs_source_state_object_ck,
    DROP CONSTRAINT IF EXISTS ingestion_jobs_chunk_size_ck,
    DROP COLUMN IF EXISTS source_state,
    DROP COLUMN IF EXISTS chunk_size;
