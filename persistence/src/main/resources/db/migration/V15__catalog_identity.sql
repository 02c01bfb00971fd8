-- The catalog's identity: one id, made once when the catalog is created (or migrated to V15), that travels with the
-- catalog's backups. The segment folder (webm_storage_path) carries it in its marker file .lakehouse-catalog, so a
-- server whose catalog is another one refuses to write or delete there (docs/operations.md). One row, never updated.
CREATE TABLE catalog_identity (
    singleton   boolean     NOT NULL DEFAULT true,
    catalog_id  uuid        NOT NULL DEFAULT gen_random_uuid(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT catalog_identity_pk PRIMARY KEY (singleton),
    CONSTRAINT catalog_identity_singleton_ck CHECK (singleton)
);
INSERT INTO catalog_identity DEFAULT VALUES;
