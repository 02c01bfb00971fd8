package coop.cpc.lakehouse.application.observability;

/**
 * What the server's metrics endpoint shows of one CDC stream ({@link LakehouseMetrics#cdcStream}). Its gauges read
 * the object at each scrape and hold it weakly, as every gauge does: the stream's host keeps it alive.
 */
public interface MeteredCdcStream {
    /** Milliseconds from the source's commit to the catalog commit of the last transaction applied. */
    double lagMs();

    /** The 99th percentile of {@link #lagMs()} over the last commits. */
    double lagP99Ms();

    /** Whether the stream's engine streams now. */
    boolean running();

    /** Whether the stream is FAILED: halted by a change it may not skip, or waiting to retry after another error. */
    boolean failed();

    /** Seconds since the stream's last catalog commit (changes, or a heartbeat's offset alone). */
    double secondsSinceLastCommit();
}
