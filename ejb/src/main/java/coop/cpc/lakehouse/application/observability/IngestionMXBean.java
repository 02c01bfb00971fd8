package coop.cpc.lakehouse.application.observability;

/** JMX {@code coop.cpc.lakehouse:type=Ingestion}: what runs, how fast, what failed last; stop a run, purge old ones. */
public interface IngestionMXBean {

    /** Ingestion executions running now (interrupted ones, left by a server stop, are not running). */
    int getRunningExecutions();

    /** Rows read per second by the running executions together, each over its run so far. */
    double getRowsPerSecond();

    /** The last run that failed since the server started, in words; empty when none did. */
    String getLastFailure();

    /** Asks a running execution to stop at its next checkpoint (audited, as stopJobExecution). */
    String stopExecution(long executionId);

    /**
     * Runs the daily run history purge now (audited as DELETE of job_execution): finished runs older than
     * job_history_retention_days go; returns what it did.
     */
    String purgeRunHistory();
}
