package coop.cpc.lakehouse.application.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application's metrics, in the server's Micrometer registry (Prometheus text at WildFly's management
 * port's {@code /metrics}; on Open Liberty at its own {@code /metrics}, through the batch module's
 * {@code MicroProfileMetricsMeterRegistry}, under the same names). WildFly's registry for deployments exports only what is registered through
 * MeterRegistry's own methods ({@code counter(name, tags)}, {@code timer(name, tags)}, {@code gauge});
 * meters built with {@code Counter.builder(..).register(registry)} stay local and are never exported,
 * and it has no histogram configuration: the commit latency histogram is therefore kept here
 * ({@link LatencyHistogram}) and exported as one gauge per bucket. Tags hold only bounded values (source
 * kinds, batch job names, statuses, operation names), never user input. The server's registry outlives the
 * deployment: {@link #unregister()} removes every meter at undeploy, so that the old deployment's meters (and, through
 * their functions, its class loader) do not stay, and a redeploy's gauges are the ones exported.
 */
@ApplicationScoped
public class LakehouseMetrics {
    static final String ROWS_INGESTED = "lakehouse.ingested.rows";
    static final String BYTES_INGESTED = "lakehouse.ingested.bytes";
    static final String RUN_DURATION = "lakehouse.run.duration";
    static final String COMMIT_LATENCY = "lakehouse.commit.latency";
    static final String COMMIT_LATENCY_HISTOGRAM = "lakehouse.commit.latency.histogram";
    static final String CAS_RETRIES = "lakehouse.commit.cas.retries";
    static final String GRAPHQL_LATENCY = "lakehouse.graphql.request";
    static final String SEGMENT_BYTES_WRITTEN = "lakehouse.segment.written.bytes";
    static final String SEGMENT_BYTES_READ = "lakehouse.segment.read.bytes";
    static final String CDC_LAG = "lakehouse.cdc.lag.seconds";
    static final String CDC_LAG_P99 = "lakehouse.cdc.lag.p99.seconds";
    static final String CDC_STREAM_RUNNING = "lakehouse.cdc.stream.running";
    static final String CDC_STREAM_FAILED = "lakehouse.cdc.stream.failed";
    static final String CDC_LAST_COMMIT_AGE = "lakehouse.cdc.last.commit.age.seconds";

    private static final List<String> CDC_STREAM_METERS =
            List.of(CDC_LAG, CDC_LAG_P99, CDC_STREAM_RUNNING, CDC_STREAM_FAILED, CDC_LAST_COMMIT_AGE);
    /** Every meter name of the application. */
    static final List<String> METERS = List.of(
            ROWS_INGESTED,
            BYTES_INGESTED,
            RUN_DURATION,
            COMMIT_LATENCY,
            COMMIT_LATENCY_HISTOGRAM,
            CAS_RETRIES,
            GRAPHQL_LATENCY,
            SEGMENT_BYTES_WRITTEN,
            SEGMENT_BYTES_READ,
            CDC_LAG,
            CDC_LAG_P99,
            CDC_STREAM_RUNNING,
            CDC_STREAM_FAILED,
            CDC_LAST_COMMIT_AGE);

    @Inject
    MeterRegistry registry;

    private final LatencyHistogram commitHistogram = new LatencyHistogram(LatencyHistogram.COMMIT_BOUNDS_SECONDS);

    /** For CDI. */
    public LakehouseMetrics() {}

    /** For tests: metrics in the given registry. */
    public LakehouseMetrics(MeterRegistry registry) {
        this.registry = registry;
        register();
    }

    @PostConstruct
    void register() {
        double[] bounds = commitHistogram.bounds();
        for (int i = 0; i <= bounds.length; i++) {
            int bucket = i;
            String le = i == bounds.length ? "+Inf" : Double.toString(bounds[i]);
            registry.gauge(COMMIT_LATENCY_HISTOGRAM, Tags.of("le", le), commitHistogram, h -> h.cumulative(bucket));
        }
        registry.counter(CAS_RETRIES);
        registry.counter(SEGMENT_BYTES_WRITTEN);
        registry.counter(SEGMENT_BYTES_READ);
    }

    /** Removes every meter of the application from the registry (at undeploy). */
    @PreDestroy
    void unregister() {
        for (String metric : METERS) {
            registry.find(metric).meters().forEach(registry::remove);
        }
    }

    /** Rows and segment bytes a run committed, per source kind (POSTGRES_TABLE, SLED, HTTP_API, FILE_DROP, ...). */
    public void ingested(String sourceKind, long rows, long bytes) {
        registry.counter(ROWS_INGESTED, Tags.of("source", sourceKind)).increment(rows);
        registry.counter(BYTES_INGESTED, Tags.of("source", sourceKind)).increment(bytes);
    }

    /** A Jakarta Batch job ended: its duration by job (ingest-postgres-table, ...) and batch status. */
    public void runEnded(String batchJob, String batchStatus, Duration duration) {
        registry.timer(RUN_DURATION, Tags.of("job", batchJob, "status", batchStatus))
                .record(duration);
    }

    /** Time from asking for a catalog commit (snapshot compare-and-set) to its transaction's end. */
    public void commitTook(long nanos) {
        registry.timer(COMMIT_LATENCY).record(nanos, TimeUnit.NANOSECONDS);
        commitHistogram.record(nanos / 1e9);
    }

    /** A commit lost the snapshot compare-and-set to another writer. */
    public void casRetry() {
        registry.counter(CAS_RETRIES).increment();
    }

    /** One GraphQL operation (query, mutation or field resolver) and whether it answered or failed. */
    public void graphqlRequest(String operation, boolean failed, long nanos) {
        registry.timer(GRAPHQL_LATENCY, Tags.of("operation", operation, "outcome", failed ? "error" : "ok"))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void segmentWritten(long bytes) {
        registry.counter(SEGMENT_BYTES_WRITTEN).increment(bytes);
    }

    public void segmentRead(long bytes) {
        registry.counter(SEGMENT_BYTES_READ).increment(bytes);
    }

    /**
     * A CDC stream's gauges, tagged with the stream's name (a validated name; one per stream): its lag behind its
     * source (seconds from the source's commit to the catalog commit of the last transaction, and the p99 over the
     * last commits), whether it runs (1/0) or has failed (1/0), and the seconds since its last commit. The gauges read
     * {@code stream} while it lives.
     */
    public void cdcStream(String name, MeteredCdcStream stream) {
        Tags tags = Tags.of("stream", name);
        registry.gauge(CDC_LAG, tags, stream, s -> s.lagMs() / 1000.0);
        registry.gauge(CDC_LAG_P99, tags, stream, s -> s.lagP99Ms() / 1000.0);
        registry.gauge(CDC_STREAM_RUNNING, tags, stream, s -> s.running() ? 1 : 0);
        registry.gauge(CDC_STREAM_FAILED, tags, stream, s -> s.failed() ? 1 : 0);
        registry.gauge(CDC_LAST_COMMIT_AGE, tags, stream, MeteredCdcStream::secondsSinceLastCommit);
    }

    /** Removes a stream's gauges (a deleted stream, or every stream at undeploy). */
    public void cdcStreamRemoved(String name) {
        for (String metric : CDC_STREAM_METERS) {
            for (Meter meter : registry.find(metric).tag("stream", name).meters()) {
                registry.remove(meter);
            }
        }
    }
}
