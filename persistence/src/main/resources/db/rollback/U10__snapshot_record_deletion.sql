-- Undoes V10__snapshot_record_deletion.sql. Snapshot rows deleted since are gone for good: a read of one is then
-- answered "no snapshot" instead of "expired". A kept snapshot whose parent was deleted keeps a null parent
-- (the restored constraint accepts it).
DROP TABLE IF EXISTS deleted_snapshot_history;
DROP INDEX IF EXISTS asset_snapshots_expired_at_idx;
DROP INDEX IF EXISTS data_assets_current_snapshot_idx;
ALTER TABLE IF EXISTS asset_snapshots DROP CONSTRAINT IF EXISTS asset_snapshots_parent_fk;
ALTER TABLE IF EXISTS asset_snapshots ADD CONSTRAINT asset_snapshots_parent_fk FOREIGN KEY (parent_id)
    REFERENCES asset_snapshots (id) ON DELETE CASCADE;
