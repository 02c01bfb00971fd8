package coop.cpc.lakehouse.application.cdc;

/** JMX view of one stream: {@code coop.cpc.lakehouse.cdc:type=stream-metrics,stream=<name>} (named like Debezium's own). */
public interface CdcStreamMetricsMXBean {
    String getState();

    long getLastLsn();

    long getLagMs();

    long getLagP50Ms();

    long getLagP99Ms();

    long getEventsCommitted();

    long getTransactionsCommitted();

    String getLastError();

    /** The table added by {@code updateCdcStream} whose rows are being copied now, or null. */
    String getCopyingTable();

    /** Rows of copies of added tables read since the server started. */
    long getCopyRowsRead();

    void stop();

    void start();

    void restart();
}
