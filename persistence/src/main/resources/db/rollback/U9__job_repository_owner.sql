-- Undoes V9__job_repository_owner.sql: the catalog no longer says whose job repository its runs belong to.
DROP TABLE IF EXISTS job_repository_owner;
