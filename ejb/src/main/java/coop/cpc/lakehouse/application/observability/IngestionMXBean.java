package coop.cpc.lakehouse.application.observability;

/** JMX {@code coop.cpc.lakehouse:type=Ingestion}: what runs now, how fast, what failed last; stop a run. */
public interface IngestionMXBean {

    /** Ingestion executions running now (interrupted ones, left by a server stop, are not running). */
    int getRunningExecutions();

    /** Rows read per second by the running executions together, each over its run so far. */
    double getRowsPerSecond();

    /** The last run that failed since the server started, in words; empty when none did. */
    String getLastFailure();

    /** Asks a running execution to stop at its next checkpoint (audited, as stopJobExecution). */
    String stopExecution(long executionId);
}
