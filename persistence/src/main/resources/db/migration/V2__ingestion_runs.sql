-- Ingestion jobs as Jakarta Batch runs (issue 5): what a run has staged but not yet committed,
-- which executions belong to which job, and each job's chunk size and incremental read position.

ALTER TABLE ingestion_jobs
    ADD COLUMN chunk_size   integer NOT NULL DEFAULT 10000,
    -- Where the next run starts (e.g. the last primary key a PostgreSQL run committed); {} = from the start.
    ADD COLUMN source_state jsonb   NOT NULL DEFAULT '{}',
    ADD CONSTRAINT ingestion_jobs_chunk_size_ck CHECK (chunk_size BETWEEN 1 AND 100000),
    ADD CONSTRAINT ingestion_jobs_source_state_object_ck CHECK (jsonb_typeof(source_state) = 'object');

-- One row per Jakarta Batch execution of an ingestion job (the job repository does not know our job ids).
CREATE TABLE ingestion_runs (
    execution_id        bigint      NOT NULL,
    job_instance_id     bigint      NOT NULL,
    job_id              uuid        NOT NULL,
    run_trigger         text        NOT NULL,
    restart_of          bigint,
    started_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ingestion_runs_pk PRIMARY KEY (execution_id),
    CONSTRAINT ingestion_runs_job_fk FOREIGN KEY (job_id) REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    CONSTRAINT ingestion_runs_trigger_ck CHECK (run_trigger IN ('MANUAL', 'SCHEDULE', 'RESTART'))
);
CREATE INDEX ingestion_runs_job_started_idx ON ingestion_runs (job_id, started_at DESC, execution_id DESC);
CREATE INDEX ingestion_runs_instance_idx ON ingestion_runs (job_instance_id);

-- Segment files a run has written and checkpointed but not yet committed to a snapshot. Written in
-- the chunk's transaction together with the reader's checkpoint, deleted in the transaction of the
-- commit that turns them into webm_columnar rows: a restart after a crash finds exactly the chunks
-- the checkpoint covers.
CREATE TABLE staged_segments (
    path                text        NOT NULL,
    job_instance_id     bigint      NOT NULL,
    job_id              uuid        NOT NULL,
    asset_id            uuid        NOT NULL,
    -- The columns the segment was written with that the asset's schema may not have yet (schema evolution).
    added_columns       jsonb       NOT NULL DEFAULT '[]',
    row_count           bigint      NOT NULL,
    byte_size           bigint      NOT NULL,
    sha256              text        NOT NULL,
    column_statistics   jsonb       NOT NULL DEFAULT '{}',
    -- What the run's source had read up to, after this chunk (e.g. the last primary key).
    source_state        jsonb       NOT NULL DEFAULT '{}',
    staged_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT staged_segments_pk PRIMARY KEY (path),
    CONSTRAINT staged_segments_job_fk FOREIGN KEY (job_id) REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    CONSTRAINT staged_segments_asset_fk FOREIGN KEY (asset_id) REFERENCES data_assets (id) ON DELETE CASCADE,
    CONSTRAINT staged_segments_path_relative_ck CHECK
        (path <> '' AND path !~ '^/' AND path !~ '(^|/)\.\.(/|$)' AND path !~ '\\'),
    CONSTRAINT staged_segments_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT staged_segments_counts_ck CHECK (row_count >= 0 AND byte_size >= 0),
    CONSTRAINT staged_segments_added_columns_array_ck CHECK (jsonb_typeof(added_columns) = 'array')
);
CREATE INDEX staged_segments_instance_idx ON staged_segments (job_instance_id, staged_at);
