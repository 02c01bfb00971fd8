-- The assets a run read WHOLE: its read went on to the end of the source (not stopped, not failed). Recorded in
-- the transaction of the run's last chunk, with its checkpoint; the run's commit gives each of them a snapshot,
-- for an OVERWRITE source also the ones it staged nothing for (an extract that became empty empties its asset),
-- and removes the rows.
CREATE TABLE read_whole_assets (
    job_instance_id     bigint      NOT NULL,
    asset_id            uuid        NOT NULL,
    job_id              uuid        NOT NULL,
    -- The execution whose read reached the end (the first one, or a restart).
    execution_id        bigint      NOT NULL,
    read_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT read_whole_assets_pk PRIMARY KEY (job_instance_id, asset_id),
    CONSTRAINT read_whole_assets_job_fk FOREIGN KEY (job_id) REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    CONSTRAINT read_whole_assets_asset_fk FOREIGN KEY (asset_id) REFERENCES data_assets (id) ON DELETE CASCADE
);
