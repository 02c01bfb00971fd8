-- Undoes V15__catalog_identity.sql: the catalog forgets its id. The marker file in webm_storage_path stays; migrating
-- again makes a new id, which the marker no longer names: remove the marker by hand (docs/operations.md).
DROP TABLE IF EXISTS catalog_identity;
