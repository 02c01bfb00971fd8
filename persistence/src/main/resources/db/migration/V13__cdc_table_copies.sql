-- The copy of the rows a table held when updateCdcStream added it to a running stream (docs/cdc.md, "Tables
-- added later"): requested when the table joins, completed in the catalog transaction that commits the
-- stream's first offset past the copy's last row. Both null for a table the stream was created with (its
-- rows come with the stream's initial snapshot, or not at all under NO_DATA).
ALTER TABLE cdc_stream_tables
    ADD COLUMN copy_requested_at timestamptz,
    ADD COLUMN copy_completed_at timestamptz,
    ADD CONSTRAINT cdc_stream_tables_copy_ck CHECK (copy_completed_at IS NULL OR copy_requested_at IS NOT NULL);
