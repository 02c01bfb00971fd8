-- When an execution's commit transaction ran. Written in that transaction, also when the run committed no
-- rows (every record rejected, only header-only files), which writes no snapshot: a file drop settling the
-- claims a dead run left behind asks this, not only for a snapshot, whether the run's files were read for good.
ALTER TABLE ingestion_runs ADD COLUMN committed_at timestamptz;

-- Whether an execution wrote a snapshot (the backfill below; a file drop settling a dead run's claims).
CREATE INDEX asset_snapshots_source_execution_idx ON asset_snapshots (source_execution_id)
    WHERE source_execution_id IS NOT NULL;

-- Runs recorded before this migration: committed when a snapshot names one of their executions.
UPDATE ingestion_runs r
SET committed_at = s.committed_at
FROM (SELECT source_execution_id, min(committed_at) AS committed_at
      FROM asset_snapshots
      WHERE source_execution_id IS NOT NULL
      GROUP BY source_execution_id) s
WHERE s.source_execution_id = r.execution_id;
