-- Undoes V7__cdc_streams.sql. Replication slots and publications on source databases are not
-- touched: drop them there (docs/cdc.md).
DROP TABLE IF EXISTS cdc_stream_tables;
DROP TABLE IF EXISTS cdc_streams;
