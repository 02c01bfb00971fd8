-- Change data capture streams (docs/cdc.md): one row per stream, one per captured table. The
-- stream's offset lives in cdc_offsets (V1) under connector_name = the stream's id, written in the
-- same transaction as the snapshots that hold the changes it covers.
CREATE TABLE cdc_streams (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    name                text        NOT NULL,
    source_url          text        NOT NULL,
    source_user         text        NOT NULL,
    -- Alias of the password (lakehouse.secrets.<alias>), never the password.
    password_alias      text,
    target_namespace    text        NOT NULL,
    snapshot_mode       text        NOT NULL DEFAULT 'INITIAL',
    slot_name           text        NOT NULL,
    publication_name    text        NOT NULL,
    -- What the operator asked for; the engine's live state is reported by the engine host.
    desired_state       text        NOT NULL DEFAULT 'RUNNING',
    -- Set once the initial snapshot is committed whole; an interrupted one starts again.
    snapshot_completed  boolean     NOT NULL DEFAULT false,
    tags                jsonb       NOT NULL DEFAULT '[]',
    last_error          text,
    created_by          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT cdc_streams_pk PRIMARY KEY (id),
    CONSTRAINT cdc_streams_name_uk UNIQUE (name),
    CONSTRAINT cdc_streams_slot_uk UNIQUE (slot_name),
    CONSTRAINT cdc_streams_name_ck CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT cdc_streams_snapshot_mode_ck CHECK (snapshot_mode IN ('INITIAL', 'NO_DATA')),
    CONSTRAINT cdc_streams_desired_state_ck CHECK (desired_state IN ('RUNNING', 'STOPPED')),
    CONSTRAINT cdc_streams_tags_array_ck CHECK (jsonb_typeof(tags) = 'array')
);

CREATE TABLE cdc_stream_tables (
    stream_id           uuid        NOT NULL,
    -- schema.table in the source database.
    source_table        text        NOT NULL,
    asset_id            uuid        NOT NULL,
    -- The key columns, in key order (the source's primary key, or every column under REPLICA IDENTITY FULL).
    key_columns         jsonb       NOT NULL,
    CONSTRAINT cdc_stream_tables_pk PRIMARY KEY (stream_id, source_table),
    CONSTRAINT cdc_stream_tables_stream_fk FOREIGN KEY (stream_id) REFERENCES cdc_streams (id) ON DELETE CASCADE,
    CONSTRAINT cdc_stream_tables_asset_fk FOREIGN KEY (asset_id) REFERENCES data_assets (id),
    CONSTRAINT cdc_stream_tables_key_columns_array_ck CHECK (jsonb_typeof(key_columns) = 'array')
);
CREATE INDEX cdc_stream_tables_asset_idx ON cdc_stream_tables (asset_id);
