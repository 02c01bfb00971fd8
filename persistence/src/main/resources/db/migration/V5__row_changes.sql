-- Row-level changes (issue 12): upserts and deletes by primary key, merge-on-read, compaction and
-- snapshot expiry. See docs/tables.md and docs/format/webm-columnar.md ("Row changes").

-- UPSERT: a commit of rows that replace older versions of their keys.
ALTER TABLE asset_snapshots DROP CONSTRAINT asset_snapshots_operation_ck;
ALTER TABLE asset_snapshots ADD CONSTRAINT asset_snapshots_operation_ck CHECK (operation IN
    ('APPEND', 'OVERWRITE', 'CDC', 'COMPACT', 'DELETE', 'UPSERT'));
-- An expired snapshot keeps its row (so time travel to it says "expired", not "unknown") but no
-- segment that only it referenced.
ALTER TABLE asset_snapshots ADD COLUMN expired_at timestamptz;

-- DELETES: a segment of primary keys, each hiding the versions of its key with a lower data sequence.
ALTER TABLE webm_columnar DROP CONSTRAINT webm_columnar_kind_ck;
ALTER TABLE webm_columnar ADD CONSTRAINT webm_columnar_kind_ck CHECK (kind IN ('DATA', 'CHANGES', 'DELETES'));
-- The data sequence orders versions of a key: the sequence number of the snapshot that wrote the
-- rows, or for a compacted segment that of the snapshot it was compacted from (so changes committed
-- while compaction ran stay newer than the compacted rows).
ALTER TABLE webm_columnar ADD COLUMN data_sequence bigint;
UPDATE webm_columnar g SET data_sequence = s.sequence_number FROM asset_snapshots s WHERE s.id = g.added_snapshot_id;
ALTER TABLE webm_columnar ALTER COLUMN data_sequence SET NOT NULL;
ALTER TABLE webm_columnar ADD CONSTRAINT webm_columnar_data_sequence_ck CHECK (data_sequence > 0);
