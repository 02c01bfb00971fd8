-- Undoes V3__classification_levels.sql: CONFIDENTIAL and RESTRICTED become SENSITIVE again
-- (which of the two an asset had is lost).
ALTER TABLE IF EXISTS data_assets DROP CONSTRAINT IF EXISTS data_assets_classification_ck;
UPDATE data_assets SET classification = 'SENSITIVE' WHERE classification IN ('CONFIDENTIAL', 'RESTRICTED');
ALTER TABLE IF EXISTS data_assets ADD CONSTRAINT data_assets_classification_ck CHECK (classification IN
    ('PUBLIC', 'INTERNAL', 'SENSITIVE', 'PHI'));
