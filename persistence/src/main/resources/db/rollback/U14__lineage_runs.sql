-- Undoes V14__lineage_runs.sql: edges no longer count their runs. The runs V14 and later collapsed into one
-- edge stay one edge (its first run's execution and time, its latest run's parameters and column mappings);
-- their count and the latest run's execution and time go. Edges that name a deleted source asset by URI stay so.
DROP INDEX IF EXISTS data_lineage_asset_edge_uq;
DROP INDEX IF EXISTS data_lineage_job_edge_uq;
ALTER TABLE data_lineage
    DROP CONSTRAINT IF EXISTS data_lineage_run_count_ck,
    DROP COLUMN IF EXISTS last_recorded_at,
    DROP COLUMN IF EXISTS last_execution_id,
    DROP COLUMN IF EXISTS run_count;
