package coop.cpc.lakehouse.application.cdc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a stream did, for GraphQL, JMX and /metrics: counts, last LSN, lag (ms behind the source's commit), rate, and
 * the time since its last catalog commit.
 */
public final class StreamMetrics {
    private static final int LAG_WINDOW = 1024;

    private final Clock clock;
    /** The last catalog commit (changes, or a heartbeat's offset alone); until the first, when these metrics began. */
    private volatile Instant lastCommitAt;

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final long[] lags = new long[LAG_WINDOW];
    private int lagCount;
    private int lagNext;
    private volatile Long lastLsn;
    private volatile Instant lastEventAt;
    private volatile long lastLagMs;
    private volatile long rateWindowStart = System.nanoTime();
    private volatile long rateWindowEvents;
    private volatile double eventsPerSecond;
    private volatile String copyingTable;
    private final AtomicLong copyRowsRead = new AtomicLong();

    public StreamMetrics() {
        this(Clock.systemUTC());
    }

    /** For tests: commits and their age by the given clock. */
    StreamMetrics(Clock clock) {
        this.clock = clock;
        this.lastCommitAt = clock.instant();
    }

    /** A commit of {@code changeCount} changes in {@code transactionCount} source transactions. */
    public synchronized void committed(long changeCount, long transactionCount, Long lsn, Long sourceCommitMillis) {
        events.addAndGet(changeCount);
        transactions.addAndGet(transactionCount);
        Instant now = clock.instant();
        lastCommitAt = now;
        if (lsn != null) {
            lastLsn = lsn;
        }
        if (changeCount > 0) {
            lastEventAt = now;
        }
        if (sourceCommitMillis != null && changeCount > 0) {
            long lag = Math.max(0, now.toEpochMilli() - sourceCommitMillis);
            lastLagMs = lag;
            lags[lagNext] = lag;
            lagNext = (lagNext + 1) % LAG_WINDOW;
            lagCount = Math.min(LAG_WINDOW, lagCount + 1);
        }
        rateWindowEvents += changeCount;
        long nanos = System.nanoTime();
        double seconds = (nanos - rateWindowStart) / 1e9;
        if (seconds >= 1.0) {
            eventsPerSecond = rateWindowEvents / seconds;
            rateWindowEvents = 0;
            rateWindowStart = nanos;
        }
    }

    /** A row of the copy of {@code table} (a table added to the running stream) arrived from the source. */
    public void copyRowRead(String table) {
        copyingTable = table;
        copyRowsRead.incrementAndGet();
    }

    /** The copy of {@code table} has read its last row (its rows commit with the stream's next commit). */
    public void copyScanned(String table) {
        if (table.equals(copyingTable)) {
            copyingTable = null;
        }
    }

    /** The table whose copy rows are arriving now, or null. */
    public String copyingTable() {
        return copyingTable;
    }

    /** Rows of copies of added tables read since the server started. */
    public long copyRowsRead() {
        return copyRowsRead.get();
    }

    public long events() {
        return events.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public Long lastLsn() {
        return lastLsn;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public long lagMs() {
        return lastLagMs;
    }

    /**
     * Seconds from the stream's last catalog commit (of changes, or of a heartbeat's offset alone) to now, or from
     * when these metrics began (the deployment) before the first: it grows while the stream moves nothing, whatever
     * its state says, where {@link #lagMs()} keeps the lag of the last commit.
     */
    public double secondsSinceLastCommit() {
        return Duration.between(lastCommitAt, clock.instant()).toMillis() / 1000.0;
    }

    /** Events per second over the last second or more (0 when idle for long). */
    public double eventsPerSecond() {
        return (System.nanoTime() - rateWindowStart) / 1e9 > 10 ? 0 : eventsPerSecond;
    }

    /** @param quantile 0.5 for the median, 0.99 for p99, over the last commits */
    public synchronized long lagQuantileMs(double quantile) {
        if (lagCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(lags, lagCount);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(lagCount - 1, Math.ceil(quantile * lagCount) - 1)];
    }
}
