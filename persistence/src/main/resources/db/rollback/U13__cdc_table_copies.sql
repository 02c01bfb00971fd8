-- Undoes V13__cdc_table_copies.sql: the catalog no longer says which added tables still wait for their copy
-- (a table whose copy was pending then gets only its changes, as before V13).
ALTER TABLE cdc_stream_tables
    DROP CONSTRAINT IF EXISTS cdc_stream_tables_copy_ck,
    DROP COLUMN IF EXISTS copy_completed_at,
    DROP COLUMN IF EXISTS copy_requested_at;
