-- Which server's Jakarta Batch job repository the catalog's ingestion runs belong to. WildFly (JBeret) and
-- Open Liberty each keep their own job repository and number executions from 1, so one catalog cannot hold
-- the runs of both: the first server that starts a job claims the catalog, the other's job operations are
-- refused with a clear error (docs/deployment.md). One row at most.
CREATE TABLE job_repository_owner (
    singleton    boolean     NOT NULL DEFAULT true,
    server_kind  text        NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT job_repository_owner_pk PRIMARY KEY (singleton),
    CONSTRAINT job_repository_owner_singleton_ck CHECK (singleton),
    CONSTRAINT job_repository_owner_kind_ck CHECK (server_kind IN ('WILDFLY', 'OPEN_LIBERTY'))
);
-- Runs recorded before this migration belong to the job repository whose tables the catalog database holds:
-- JBeret's (WildFly, public.job_execution) or Open Liberty's (public.jobexecution). A catalog with runs and
-- both (a formerly shared catalog) or neither stays unclaimed: the next server to start a run claims it.
INSERT INTO job_repository_owner (server_kind)
SELECT kind FROM (
    SELECT CASE
        WHEN to_regclass('public.job_execution') IS NOT NULL AND to_regclass('public.jobexecution') IS NULL
            THEN 'WILDFLY'
        WHEN to_regclass('public.jobexecution') IS NOT NULL AND to_regclass('public.job_execution') IS NULL
            THEN 'OPEN_LIBERTY'
    END AS kind
) found
WHERE kind IS NOT NULL AND EXISTS (SELECT 1 FROM ingestion_runs);
