-- Undoes V5__row_changes.sql. Snapshots and segments written since stay (their rows are data):
-- the old checks come back NOT VALID, so they hold for new rows without rejecting those.
ALTER TABLE IF EXISTS webm_columnar DROP CONSTRAINT IF EXISTS webm_columnar_data_sequence_ck;
ALTER TABLE IF EXISTS webm_columnar DROP COLUMN IF EXISTS data_sequence;
ALTER TABLE IF EXISTS webm_columnar DROP CONSTRAINT IF EXISTS webm_columnar_kind_ck;
ALTER TABLE IF EXISTS webm_columnar ADD CONSTRAINT webm_columnar_kind_ck
    CHECK (kind IN ('DATA', 'CHANGES')) NOT VALID;
ALTER TABLE IF EXISTS asset_snapshots DROP COLUMN IF EXISTS expired_at;
ALTER TABLE IF EXISTS asset_snapshots DROP CONSTRAINT IF EXISTS asset_snapshots_operation_ck;
ALTER TABLE IF EXISTS asset_snapshots ADD CONSTRAINT asset_snapshots_operation_ck CHECK (operation IN
    ('APPEND', 'OVERWRITE', 'CDC', 'COMPACT', 'DELETE')) NOT VALID;
