-- An audit trail an auditor can use (issue 10): a FAILED outcome for calls whose transaction did
-- not commit, the anchors purges leave behind, and an index for the auditor's pseudonym filter.

-- FAILED: the call returned, but its transaction rolled back (e.g. the losing optimistic update).
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_outcome_ck;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_outcome_ck CHECK (outcome IN ('SUCCESS', 'DENIED', 'ERROR', 'FAILED'));

-- One row per purge: the last purged entry (newest in chain order), whose hash the oldest
-- remaining entry must point to. Deleting old entries any other way leaves the oldest remaining
-- entry pointing at a hash no anchor holds, which the chain verification reports.
CREATE TABLE audit_anchor (
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    purged_at           timestamptz NOT NULL DEFAULT now(),
    purged_before       timestamptz NOT NULL,
    entries_purged      bigint      NOT NULL,
    last_entry_id       uuid        NOT NULL,
    last_entry_at       timestamptz NOT NULL,
    last_entry_hash     text        NOT NULL,
    CONSTRAINT audit_anchor_pk PRIMARY KEY (id),
    CONSTRAINT audit_anchor_hash_uk UNIQUE (last_entry_hash),
    -- 0 only for the anchor adopted below, whose count nobody recorded.
    CONSTRAINT audit_anchor_count_ck CHECK (entries_purged >= 0)
);

-- A trail purged before this version kept its anchor only as the oldest entry's prev_hash:
-- adopt it, so that the chain still verifies (the purged entry's id is unknown: the nil UUID).
INSERT INTO audit_anchor (purged_before, entries_purged, last_entry_id, last_entry_at, last_entry_hash)
SELECT occurred_at, 0, '00000000-0000-0000-0000-000000000000', occurred_at, prev_hash
FROM (SELECT occurred_at, prev_hash FROM audit_logs ORDER BY occurred_at, id LIMIT 1) AS oldest
WHERE prev_hash IS NOT NULL;

CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_pseudonym, occurred_at, id);
