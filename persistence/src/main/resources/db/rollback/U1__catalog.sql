-- Undoes V1__catalog.sql: drops what it created, in reverse order. Run by
-- CatalogMigrations.rollback with search_path set to the schema "lakehouse".
DROP TABLE IF EXISTS cdc_offsets;
DROP TABLE IF EXISTS audit_logs;
DROP TABLE IF EXISTS data_lineage;
DROP TABLE IF EXISTS webm_columnar;
ALTER TABLE IF EXISTS data_assets DROP CONSTRAINT IF EXISTS data_assets_current_snapshot_fk;
DROP TABLE IF EXISTS asset_snapshots;
DROP TABLE IF EXISTS ingestion_jobs;
DROP TABLE IF EXISTS data_assets;
