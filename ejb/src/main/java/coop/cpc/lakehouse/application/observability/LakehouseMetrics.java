package coop.cpc.lakehouse.application.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The application's metrics, in the server's Micrometer registry (Prometheus text at the management
 * port's {@code /metrics}). Names are Micrometer's; Prometheus shows {@code lakehouse.ingested.rows}
 * as {@code lakehouse_ingested_rows_total} and a timer as {@code *_seconds_*}. Tags hold only bounded
 * values (source kinds, batch statuses, operation names), never user input.
 */
@ApplicationScoped
public class LakehouseMetrics {
    static final String ROWS_INGESTED = "lakehouse.ingested.rows";
    static final String BYTES_INGESTED = "lakehouse.ingested.bytes";
    static final String RUN_DURATION = "lakehouse.run.duration";
    static final String COMMIT_LATENCY = "lakehouse.commit.latency";
    static final String CAS_RETRIES = "lakehouse.commit.cas.retries";
    static final String GRAPHQL_LATENCY = "lakehouse.graphql.request";
    static final String SEGMENT_BYTES_WRITTEN = "lakehouse.segment.written";
    static final String SEGMENT_BYTES_READ = "lakehouse.segment.read";

    @Inject
    MeterRegistry registry;

    private Timer commitLatency;
    private Counter casRetries;
    private Counter segmentBytesWritten;
    private Counter segmentBytesRead;

    /** For CDI. */
    public LakehouseMetrics() {
    }

    /** For tests: metrics in the given registry. */
    public LakehouseMetrics(MeterRegistry registry) {
        this.registry = registry;
        register();
    }

    @PostConstruct
    void register() {
        commitLatency = Timer.builder(COMMIT_LATENCY)
                .description("Time from asking for a catalog commit (snapshot compare-and-set) to its transaction's end")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        casRetries = Counter.builder(CAS_RETRIES)
                .description("Commits that lost the snapshot compare-and-set to another writer and were retried or refused")
                .register(registry);
        segmentBytesWritten = Counter.builder(SEGMENT_BYTES_WRITTEN).baseUnit("bytes")
                .description("Bytes of WebM columnar segment files written").register(registry);
        segmentBytesRead = Counter.builder(SEGMENT_BYTES_READ).baseUnit("bytes")
                .description("Bytes of the WebM columnar segment files opened by row reads").register(registry);
    }

    /** Rows and segment bytes a run committed, per source kind (POSTGRES_TABLE, SLED, HTTP_API, FILE_DROP, ...). */
    public void ingested(String sourceKind, long rows, long bytes) {
        Counter.builder(ROWS_INGESTED).description("Rows committed by ingestion runs").tag("source", sourceKind)
                .register(registry).increment(rows);
        Counter.builder(BYTES_INGESTED).baseUnit("bytes").description("Segment bytes committed by ingestion runs")
                .tag("source", sourceKind).register(registry).increment(bytes);
    }

    /** A Jakarta Batch job ended: its duration by job (ingest-postgres-table, ...) and batch status. */
    public void runEnded(String batchJob, String batchStatus, Duration duration) {
        Timer.builder(RUN_DURATION).description("Duration of ingestion and maintenance runs")
                .tags("job", batchJob, "status", batchStatus).register(registry).record(duration);
    }

    public void commitTook(long nanos) {
        commitLatency.record(Duration.ofNanos(nanos));
    }

    public void casRetry() {
        casRetries.increment();
    }

    /** One GraphQL operation (query, mutation or field resolver) and whether it answered or failed. */
    public void graphqlRequest(String operation, boolean failed, long nanos) {
        Timer.builder(GRAPHQL_LATENCY).description("Time to run one GraphQL operation (per query, mutation or field resolver)")
                .tags("operation", operation, "outcome", failed ? "error" : "ok")
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void segmentWritten(long bytes) {
        segmentBytesWritten.increment(bytes);
    }

    public void segmentRead(long bytes) {
        segmentBytesRead.increment(bytes);
    }
}
