-- Undoes V8__asset_sort_order.sql. Segments written sorted stay as they are (their rows are data).
ALTER TABLE IF EXISTS data_assets DROP CONSTRAINT IF EXISTS data_assets_sort_order_ck;
ALTER TABLE IF EXISTS data_assets DROP COLUMN IF EXISTS sort_order;
