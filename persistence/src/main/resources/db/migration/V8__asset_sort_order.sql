-- Sort (cluster) order of an asset (issue 16): the columns by which appends and compaction sort the
-- rows inside each segment they write, so that row groups hold narrow ranges and few values of them
-- and their statistics prune reads. Empty: rows stay in the order they arrived. See docs/tables.md.
ALTER TABLE data_assets ADD COLUMN sort_order text[] NOT NULL DEFAULT '{}';
ALTER TABLE data_assets ADD CONSTRAINT data_assets_sort_order_ck CHECK (cardinality(sort_order) <= 4);
