-- Catalog of the lakehouse (DESIGN.md section 2). Flyway runs this with search_path set to
-- the schema "lakehouse", so names are left unqualified. Enum columns are text with CHECKs that
-- list the Java enum constants: adding a constant needs a migration, on purpose.

CREATE TABLE data_assets (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    namespace           text        NOT NULL,
    name                text        NOT NULL,
    description         text,
    asset_type          text        NOT NULL,
    storage_format      text        NOT NULL DEFAULT 'WEBM_COLUMNAR',
    schema              jsonb       NOT NULL DEFAULT '{"columns": []}',
    primary_key         text[]      NOT NULL DEFAULT '{}',
    tags                text[]      NOT NULL DEFAULT '{}',
    classification      text        NOT NULL DEFAULT 'INTERNAL',
    current_snapshot_id uuid,
    row_count           bigint      NOT NULL DEFAULT 0,
    byte_size           bigint      NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT data_assets_pk PRIMARY KEY (id),
    -- Also the index of keyset paging ordered by (namespace, name).
    CONSTRAINT data_assets_namespace_name_uk UNIQUE (namespace, name),
    CONSTRAINT data_assets_namespace_format_ck CHECK (namespace ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT data_assets_name_format_ck CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT data_assets_asset_type_ck CHECK (asset_type IN
        ('STRUCTURED', 'SEMI_STRUCTURED', 'UNSTRUCTURED', 'TIME_SERIES', 'GEOSPATIAL', 'GRAPH')),
    CONSTRAINT data_assets_storage_format_ck CHECK (storage_format IN ('WEBM_COLUMNAR')),
    CONSTRAINT data_assets_classification_ck CHECK (classification IN
        ('PUBLIC', 'INTERNAL', 'SENSITIVE', 'PHI')),
    CONSTRAINT data_assets_schema_object_ck CHECK (jsonb_typeof(schema) = 'object'),
    CONSTRAINT data_assets_row_count_ck CHECK (row_count >= 0),
    CONSTRAINT data_assets_byte_size_ck CHECK (byte_size >= 0)
);
CREATE INDEX data_assets_tags_gin ON data_assets USING gin (tags);

CREATE TABLE ingestion_jobs (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    name                text        NOT NULL,
    source_type         text        NOT NULL,
    -- Credentials are referenced by alias here, never stored in clear.
    source_config       jsonb       NOT NULL DEFAULT '{}',
    target_asset_id     uuid,
    schedule            text        NOT NULL DEFAULT 'MANUAL',
    schedule_expression text,
    status              text        NOT NULL DEFAULT 'PENDING',
    last_execution_id   bigint,
    last_run_at         timestamptz,
    next_run_at         timestamptz,
    rows_ingested       bigint      NOT NULL DEFAULT 0,
    error_count         bigint      NOT NULL DEFAULT 0,
    max_errors          integer     NOT NULL DEFAULT 10,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT ingestion_jobs_pk PRIMARY KEY (id),
    CONSTRAINT ingestion_jobs_target_asset_fk FOREIGN KEY (target_asset_id)
        REFERENCES data_assets (id) ON DELETE SET NULL,
    CONSTRAINT ingestion_jobs_source_type_ck CHECK (source_type IN
        ('POSTGRES_TABLE', 'POSTGRES_CDC', 'SLED', 'HTTP_API', 'FILE_DROP')),
    CONSTRAINT ingestion_jobs_schedule_ck CHECK (schedule IN ('MANUAL', 'REALTIME', 'INTERVAL', 'CRON')),
    -- INTERVAL and CRON schedules are meaningless without their expression.
    CONSTRAINT ingestion_jobs_schedule_expression_ck CHECK
        (schedule IN ('MANUAL', 'REALTIME') OR schedule_expression IS NOT NULL),
    CONSTRAINT ingestion_jobs_status_ck CHECK (status IN
        ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT ingestion_jobs_source_config_object_ck CHECK (jsonb_typeof(source_config) = 'object'),
    CONSTRAINT ingestion_jobs_counts_ck CHECK (rows_ingested >= 0 AND error_count >= 0 AND max_errors >= 0)
);
CREATE INDEX ingestion_jobs_created_at_id_idx ON ingestion_jobs (created_at, id);
CREATE INDEX ingestion_jobs_status_created_at_id_idx ON ingestion_jobs (status, created_at, id);
CREATE INDEX ingestion_jobs_target_asset_idx ON ingestion_jobs (target_asset_id);

CREATE TABLE asset_snapshots (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    asset_id            uuid        NOT NULL,
    parent_id           uuid,
    -- Commit order within an asset: merge-on-read applies changes in this order.
    sequence_number     bigint      NOT NULL,
    operation           text        NOT NULL,
    committed_at        timestamptz NOT NULL DEFAULT now(),
    summary             jsonb       NOT NULL DEFAULT '{}',
    source_job_id       uuid,
    source_execution_id bigint,
    CONSTRAINT asset_snapshots_pk PRIMARY KEY (id),
    CONSTRAINT asset_snapshots_asset_fk FOREIGN KEY (asset_id)
        REFERENCES data_assets (id) ON DELETE CASCADE,
    CONSTRAINT asset_snapshots_parent_fk FOREIGN KEY (parent_id)
        REFERENCES asset_snapshots (id) ON DELETE CASCADE,
    CONSTRAINT asset_snapshots_source_job_fk FOREIGN KEY (source_job_id)
        REFERENCES ingestion_jobs (id) ON DELETE SET NULL,
    CONSTRAINT asset_snapshots_asset_sequence_uk UNIQUE (asset_id, sequence_number),
    CONSTRAINT asset_snapshots_sequence_ck CHECK (sequence_number > 0),
    CONSTRAINT asset_snapshots_operation_ck CHECK (operation IN
        ('APPEND', 'OVERWRITE', 'CDC', 'COMPACT', 'DELETE')),
    CONSTRAINT asset_snapshots_summary_object_ck CHECK (jsonb_typeof(summary) = 'object')
);
CREATE INDEX asset_snapshots_asset_committed_at_idx ON asset_snapshots (asset_id, committed_at);
CREATE INDEX asset_snapshots_parent_idx ON asset_snapshots (parent_id);

-- Assets and snapshots reference each other; deferred so that a snapshot and the asset's
-- pointer to it can be written in either order within one transaction.
ALTER TABLE data_assets ADD CONSTRAINT data_assets_current_snapshot_fk
    FOREIGN KEY (current_snapshot_id) REFERENCES asset_snapshots (id)
    ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE webm_columnar (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    asset_id            uuid        NOT NULL,
    added_snapshot_id   uuid        NOT NULL,
    removed_snapshot_id uuid,
    path                text        NOT NULL,
    kind                text        NOT NULL,
    row_count           bigint      NOT NULL,
    byte_size           bigint      NOT NULL,
    sha256              text        NOT NULL,
    column_statistics   jsonb       NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webm_columnar_pk PRIMARY KEY (id),
    CONSTRAINT webm_columnar_asset_fk FOREIGN KEY (asset_id)
        REFERENCES data_assets (id) ON DELETE CASCADE,
    CONSTRAINT webm_columnar_added_snapshot_fk FOREIGN KEY (added_snapshot_id)
        REFERENCES asset_snapshots (id) ON DELETE CASCADE,
    CONSTRAINT webm_columnar_removed_snapshot_fk FOREIGN KEY (removed_snapshot_id)
        REFERENCES asset_snapshots (id) ON DELETE SET NULL,
    CONSTRAINT webm_columnar_path_uk UNIQUE (path),
    -- Paths are relative to webm_storage_path and never climb out of it.
    CONSTRAINT webm_columnar_path_relative_ck CHECK
        (path <> '' AND path !~ '^/' AND path !~ '(^|/)\.\.(/|$)' AND path !~ '\\'),
    CONSTRAINT webm_columnar_kind_ck CHECK (kind IN ('DATA', 'CHANGES')),
    CONSTRAINT webm_columnar_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT webm_columnar_counts_ck CHECK (row_count >= 0 AND byte_size >= 0),
    CONSTRAINT webm_columnar_statistics_object_ck CHECK (jsonb_typeof(column_statistics) = 'object')
);
CREATE INDEX webm_columnar_asset_added_idx ON webm_columnar (asset_id, added_snapshot_id);
CREATE INDEX webm_columnar_asset_removed_idx ON webm_columnar (asset_id, removed_snapshot_id);
CREATE INDEX webm_columnar_added_snapshot_idx ON webm_columnar (added_snapshot_id);
CREATE INDEX webm_columnar_removed_snapshot_idx ON webm_columnar (removed_snapshot_id);

CREATE TABLE data_lineage (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- Null when the source is outside the lakehouse; source_uri then names it.
    source_asset_id     uuid,
    source_uri          text,
    target_asset_id     uuid        NOT NULL,
    transformation      text        NOT NULL,
    parameters          jsonb       NOT NULL DEFAULT '{}',
    column_mappings     jsonb       NOT NULL DEFAULT '[]',
    job_id              uuid,
    execution_id        bigint,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT data_lineage_pk PRIMARY KEY (id),
    CONSTRAINT data_lineage_source_asset_fk FOREIGN KEY (source_asset_id)
        REFERENCES data_assets (id) ON DELETE SET NULL,
    CONSTRAINT data_lineage_target_asset_fk FOREIGN KEY (target_asset_id)
        REFERENCES data_assets (id) ON DELETE CASCADE,
    CONSTRAINT data_lineage_job_fk FOREIGN KEY (job_id)
        REFERENCES ingestion_jobs (id) ON DELETE SET NULL,
    CONSTRAINT data_lineage_source_ck CHECK (source_asset_id IS NOT NULL OR source_uri IS NOT NULL),
    CONSTRAINT data_lineage_transformation_ck CHECK (transformation IN
        ('INGEST', 'CDC', 'ANONYMIZE_RESEARCH', 'JOURNEY_ANALYTICS', 'COHORT_ANALYSIS', 'COMPACT',
         'AGGREGATE', 'EXPORT')),
    CONSTRAINT data_lineage_parameters_object_ck CHECK (jsonb_typeof(parameters) = 'object'),
    CONSTRAINT data_lineage_column_mappings_array_ck CHECK (jsonb_typeof(column_mappings) = 'array')
);
CREATE INDEX data_lineage_source_asset_idx ON data_lineage (source_asset_id);
CREATE INDEX data_lineage_source_uri_idx ON data_lineage (source_uri);
CREATE INDEX data_lineage_target_asset_idx ON data_lineage (target_asset_id);
CREATE INDEX data_lineage_job_idx ON data_lineage (job_id);

CREATE TABLE audit_logs (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    -- Keyed HMAC of the user, never the user id; null when the purpose drops the actor.
    actor_pseudonym     text,
    actor_role          text,
    purpose             text        NOT NULL,
    action              text        NOT NULL,
    resource_type       text        NOT NULL,
    resource_id         text,
    outcome             text        NOT NULL,
    source_ip           text,
    details             jsonb       NOT NULL DEFAULT '{}',
    prev_hash           text,
    hash                text        NOT NULL,
    CONSTRAINT audit_logs_pk PRIMARY KEY (id),
    CONSTRAINT audit_logs_hash_uk UNIQUE (hash),
    -- One successor per entry: two writers racing on the same chain head cannot fork the chain.
    CONSTRAINT audit_logs_prev_hash_uk UNIQUE (prev_hash),
    CONSTRAINT audit_logs_purpose_ck CHECK (purpose IN
        ('USER_VIEW', 'PROVIDER_ACCESS', 'RESEARCH', 'DATA_SYNC', 'ADMIN', 'ANALYTICS', 'MACHINE_LEARNING')),
    CONSTRAINT audit_logs_action_ck CHECK (action IN
        ('READ', 'WRITE', 'DELETE', 'SCHEMA_CHANGE', 'VERSION_RESTORE', 'MANAGE')),
    CONSTRAINT audit_logs_outcome_ck CHECK (outcome IN ('SUCCESS', 'DENIED', 'ERROR')),
    CONSTRAINT audit_logs_details_object_ck CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_logs_occurred_at_idx ON audit_logs (occurred_at, id);
CREATE INDEX audit_logs_resource_idx ON audit_logs (resource_type, resource_id, occurred_at);

-- Debezium offsets of each CDC connector, written in the catalog transaction that stores the
-- changes they cover, so a crash neither loses nor repeats a change.
CREATE TABLE cdc_offsets (
    connector_name      text        NOT NULL,
    offsets             jsonb       NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT cdc_offsets_pk PRIMARY KEY (connector_name),
    CONSTRAINT cdc_offsets_offsets_object_ck CHECK (jsonb_typeof(offsets) = 'object')
);
