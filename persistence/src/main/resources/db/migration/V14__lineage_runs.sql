-- One lineage edge per derivation, not per run: a job that runs every minute used to add one INGEST edge a
-- minute, and an adapter one edge per analysis. An edge is now identified by its job, source and target (an
-- ingestion: the job, the source URI, the target asset, the transformation) or, without a job, by its source
-- asset, target asset and transformation; a repeat counts one more run of the stored edge. The edge keeps its
-- first run (execution_id, created_at) and records its latest (last_execution_id, last_recorded_at), with the
-- parameters and column mappings of that latest run.
ALTER TABLE data_lineage
    ADD COLUMN run_count         bigint      NOT NULL DEFAULT 1,
    ADD COLUMN last_execution_id bigint,
    ADD COLUMN last_recorded_at  timestamptz,
    ADD CONSTRAINT data_lineage_run_count_ck CHECK (run_count >= 1);

-- The edges recorded so far, collapsed: the oldest of each group stays, carrying the group's count and its
-- newest run's execution, time, parameters and column mappings.
WITH grouped AS (
    SELECT id,
           first_value(id) OVER edge                                     AS kept_id,
           count(*) OVER edge                                            AS runs,
           last_value(execution_id) OVER edge                            AS newest_execution_id,
           last_value(created_at) OVER edge                              AS newest_at,
           last_value(parameters) OVER edge                              AS newest_parameters,
           last_value(column_mappings) OVER edge                         AS newest_column_mappings
    FROM data_lineage
    WHERE (job_id IS NOT NULL AND source_uri IS NOT NULL)
       OR (job_id IS NULL AND source_asset_id IS NOT NULL)
    WINDOW edge AS (
        PARTITION BY job_id, source_uri, source_asset_id, target_asset_id, transformation
        ORDER BY created_at, id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), kept AS (
    UPDATE data_lineage d
    SET run_count = g.runs,
        last_execution_id = g.newest_execution_id,
        last_recorded_at = g.newest_at,
        parameters = g.newest_parameters,
        column_mappings = g.newest_column_mappings
    FROM grouped g
    WHERE d.id = g.id AND g.id = g.kept_id
    RETURNING d.id
)
DELETE FROM data_lineage d
USING grouped g
WHERE d.id = g.id AND g.id <> g.kept_id;

UPDATE data_lineage SET last_execution_id = execution_id, last_recorded_at = created_at
WHERE last_recorded_at IS NULL;

ALTER TABLE data_lineage
    ALTER COLUMN last_recorded_at SET DEFAULT now(),
    ALTER COLUMN last_recorded_at SET NOT NULL;

-- What a repeat is counted against (the application inserts ON CONFLICT on these).
CREATE UNIQUE INDEX data_lineage_job_edge_uq ON data_lineage (job_id, source_uri, target_asset_id, transformation)
    WHERE job_id IS NOT NULL AND source_uri IS NOT NULL;
CREATE UNIQUE INDEX data_lineage_asset_edge_uq ON data_lineage (source_asset_id, target_asset_id, transformation)
    WHERE job_id IS NULL AND source_asset_id IS NOT NULL;
