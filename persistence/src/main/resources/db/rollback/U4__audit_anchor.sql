-- Undoes V4__audit_anchor.sql. Entries with outcome FAILED stay (their hash covers the outcome):
-- the old check is restored NOT VALID, so it holds for new rows without rejecting those.
DROP INDEX IF EXISTS audit_logs_actor_idx;
DROP TABLE IF EXISTS audit_anchor;
ALTER TABLE IF EXISTS audit_logs DROP CONSTRAINT IF EXISTS audit_logs_outcome_ck;
ALTER TABLE IF EXISTS audit_logs ADD CONSTRAINT audit_logs_outcome_ck
    CHECK (outcome IN ('SUCCESS', 'DENIED', 'ERROR')) NOT VALID;
