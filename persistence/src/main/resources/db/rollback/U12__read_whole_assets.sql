-- Undoes V12__read_whole_assets.sql: a commit again overwrites only the assets its run staged rows for.
DROP TABLE IF EXISTS read_whole_assets;
