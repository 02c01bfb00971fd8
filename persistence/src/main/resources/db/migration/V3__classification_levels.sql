-- Five classification levels (PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED, PHI) instead of four:
-- roles read rows by level, and SENSITIVE did not say how sensitive. SENSITIVE becomes CONFIDENTIAL.
ALTER TABLE data_assets DROP CONSTRAINT data_assets_classification_ck;
UPDATE data_assets SET classification = 'CONFIDENTIAL' WHERE classification = 'SENSITIVE';
ALTER TABLE data_assets ADD CONSTRAINT data_assets_classification_ck CHECK (classification IN
    ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED', 'PHI'));
