-- Bounded catalog growth: the daily expire-snapshots job deletes the rows of snapshots expired more than
-- expired_snapshot_record_days ago that no segment row names (docs/tables.md "Expiry"). A snapshot that added
-- a segment still in the catalog keeps its row: the segment's liveness is read from that row's sequence number.

-- The oldest kept snapshot outlives its parent: its parent link becomes null instead of the deletion
-- cascading down every later snapshot of the asset.
ALTER TABLE asset_snapshots DROP CONSTRAINT asset_snapshots_parent_fk;
ALTER TABLE asset_snapshots ADD CONSTRAINT asset_snapshots_parent_fk FOREIGN KEY (parent_id)
    REFERENCES asset_snapshots (id) ON DELETE SET NULL;

-- The deletion looks for expired snapshots by when they expired.
CREATE INDEX asset_snapshots_expired_at_idx ON asset_snapshots (expired_at) WHERE expired_at IS NOT NULL;

-- Each deleted snapshot row makes its foreign key null data_assets.current_snapshot_id where it names the row
-- (ON DELETE SET NULL's lookup): without an index that is a scan of every asset per deleted row.
CREATE INDEX data_assets_current_snapshot_idx ON data_assets (current_snapshot_id);

-- One row per asset whose expired snapshots were deleted: up to which sequence number (every snapshot up to it
-- is expired, and a read of one, by its id or by a time it was current, is refused as expired, not as unknown).
CREATE TABLE deleted_snapshot_history (
    asset_id            uuid        NOT NULL,
    through_sequence    bigint      NOT NULL,
    -- When the newest deleted snapshot was committed: a read as of an earlier time finds no snapshot to read.
    through_committed_at timestamptz NOT NULL,
    snapshots_deleted   bigint      NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deleted_snapshot_history_pk PRIMARY KEY (asset_id),
    CONSTRAINT deleted_snapshot_history_asset_fk FOREIGN KEY (asset_id)
        REFERENCES data_assets (id) ON DELETE CASCADE,
    CONSTRAINT deleted_snapshot_history_counts_ck CHECK (through_sequence > 0 AND snapshots_deleted > 0)
);
