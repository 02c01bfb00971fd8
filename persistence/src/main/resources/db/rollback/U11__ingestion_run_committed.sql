-- Undoes V11__ingestion_run_committed.sql: a run's commit is again known only by the snapshots it wrote.
ALTER TABLE ingestion_runs DROP COLUMN IF EXISTS committed_at;
DROP INDEX IF EXISTS asset_snapshots_source_execution_idx;
