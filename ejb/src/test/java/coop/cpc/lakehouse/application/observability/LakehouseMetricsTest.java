package coop.cpc.lakehouse.application.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.Reference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LakehouseMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LakehouseMetrics metrics = new LakehouseMetrics(registry);

    @Test
    void countsRowsAndBytesPerSourceKind() {
        metrics.ingested("POSTGRES_TABLE", 100, 4096);
        metrics.ingested("POSTGRES_TABLE", 50, 1024);
        metrics.ingested("FILE_DROP", 7, 10);

        assertThat(ingested(LakehouseMetrics.ROWS_INGESTED, "POSTGRES_TABLE")).isEqualTo(150);
        assertThat(ingested(LakehouseMetrics.BYTES_INGESTED, "POSTGRES_TABLE")).isEqualTo(5120);
        assertThat(ingested(LakehouseMetrics.ROWS_INGESTED, "FILE_DROP")).isEqualTo(7);
    }

    @Test
    void timesCommitsRunsAndGraphQlOperationsAndCountsRetriesAndSegmentBytes() {
        metrics.commitTook(Duration.ofMillis(12).toNanos());
        metrics.casRetry();
        metrics.runEnded("ingest-sled", "COMPLETED", Duration.ofSeconds(3));
        metrics.graphqlRequest("assets", false, Duration.ofMillis(5).toNanos());
        metrics.graphqlRequest("assets", true, Duration.ofMillis(1).toNanos());
        metrics.segmentWritten(300);
        metrics.segmentRead(200);

        metrics.commitTook(Duration.ofSeconds(3).toNanos());
        assertThat(registry.get(LakehouseMetrics.COMMIT_LATENCY).timer().count())
                .isEqualTo(2);
        assertThat(commitsAtMost("0.01")).isEqualTo(0);
        assertThat(commitsAtMost("0.025")).isEqualTo(1);
        assertThat(commitsAtMost("5.0")).isEqualTo(2);
        assertThat(commitsAtMost("+Inf")).isEqualTo(2);
        assertThat(registry.get(LakehouseMetrics.CAS_RETRIES).counter().count()).isEqualTo(1);
        assertThat(registry.get(LakehouseMetrics.RUN_DURATION)
                        .tags("job", "ingest-sled", "status", "COMPLETED")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3);
        assertThat(graphqlRequests("assets", "ok")).isEqualTo(1);
        assertThat(graphqlRequests("assets", "error")).isEqualTo(1);
        assertThat(registry.get(LakehouseMetrics.SEGMENT_BYTES_WRITTEN)
                        .counter()
                        .count())
                .isEqualTo(300);
        assertThat(registry.get(LakehouseMetrics.SEGMENT_BYTES_READ).counter().count())
                .isEqualTo(200);
    }

    @Test
    void cdcLagIsAGaugePerStreamInSecondsUntilTheStreamIsRemoved() {
        FakeStream sales = new FakeStream(1500, 4000);
        FakeStream erp = new FakeStream(0, 0);
        metrics.cdcStream("sales", sales);
        metrics.cdcStream("erp", erp);

        assertThat(registry.get(LakehouseMetrics.CDC_LAG)
                        .tag("stream", "sales")
                        .gauge()
                        .value())
                .isEqualTo(1.5);
        assertThat(registry.get(LakehouseMetrics.CDC_LAG_P99)
                        .tag("stream", "sales")
                        .gauge()
                        .value())
                .isEqualTo(4.0);
        sales.lagMs = 250;
        assertThat(registry.get(LakehouseMetrics.CDC_LAG)
                        .tag("stream", "sales")
                        .gauge()
                        .value())
                .isEqualTo(0.25);

        metrics.cdcStreamRemoved("sales");
        assertThat(registry.find(LakehouseMetrics.CDC_LAG)
                        .tag("stream", "sales")
                        .gauge())
                .isNull();
        assertThat(registry.find(LakehouseMetrics.CDC_LAG_P99)
                        .tag("stream", "sales")
                        .gauge())
                .isNull();
        assertThat(registry.find(LakehouseMetrics.CDC_LAG).tag("stream", "erp").gauge())
                .isNotNull();
    }

    @Test
    void aStreamsStateAndTheTimeSinceItsLastCommitAreGaugesTooAndGoWithIt() {
        FakeStream sales = new FakeStream(200, 300);
        metrics.cdcStream("sales", sales);
        sales.running = true;
        sales.secondsSinceLastCommit = 1.5;
        assertThat(streamGauge(LakehouseMetrics.CDC_STREAM_RUNNING, "sales")).isEqualTo(1.0);
        assertThat(streamGauge(LakehouseMetrics.CDC_STREAM_FAILED, "sales")).isEqualTo(0.0);
        assertThat(streamGauge(LakehouseMetrics.CDC_LAST_COMMIT_AGE, "sales")).isEqualTo(1.5);

        sales.running = false;
        sales.failed = true;
        sales.secondsSinceLastCommit = 75;
        assertThat(streamGauge(LakehouseMetrics.CDC_STREAM_RUNNING, "sales")).isEqualTo(0.0);
        assertThat(streamGauge(LakehouseMetrics.CDC_STREAM_FAILED, "sales")).isEqualTo(1.0);
        assertThat(streamGauge(LakehouseMetrics.CDC_LAST_COMMIT_AGE, "sales")).isEqualTo(75.0);
        assertThat(streamGauge(LakehouseMetrics.CDC_LAG, "sales"))
                .as("the lag of the last commit")
                .isEqualTo(0.2);

        metrics.cdcStreamRemoved("sales");
        assertThat(registry.find(LakehouseMetrics.CDC_STREAM_RUNNING).meters()).isEmpty();
        assertThat(registry.find(LakehouseMetrics.CDC_STREAM_FAILED).meters()).isEmpty();
        assertThat(registry.find(LakehouseMetrics.CDC_LAST_COMMIT_AGE).meters()).isEmpty();
    }

    /** The server's registry outlives a deployment; a redeploy's metrics must be the ones it exports. */
    @Test
    void undeployRemovesEveryMeterAndARedeploysMetricsAreTheOnesExported() {
        metrics.commitTook(Duration.ofMillis(12).toNanos());
        metrics.casRetry();
        metrics.ingested("SLED", 5, 50);
        metrics.runEnded("ingest-sled", "COMPLETED", Duration.ofSeconds(1));
        metrics.graphqlRequest("assets", false, 1);
        metrics.cdcStream("sales", new FakeStream(100, 100));

        metrics.unregister();

        assertThat(registry.getMeters())
                .as("meters left after undeploy")
                .filteredOn(m -> m.getId().getName().startsWith("lakehouse."))
                .isEmpty();
        assertThat(LakehouseMetrics.METERS).allMatch(name -> name.startsWith("lakehouse."));

        LakehouseMetrics redeployed = new LakehouseMetrics(registry);
        redeployed.commitTook(Duration.ofMillis(12).toNanos());
        // Held here: a gauge holds its object weakly (as the engine host holds a stream's metrics in the server).
        FakeStream sales = new FakeStream(700, 900);
        redeployed.cdcStream("sales", sales);
        assertThat(commitsAtMost("+Inf")).as("the redeploy's histogram").isEqualTo(1);
        assertThat(registry.get(LakehouseMetrics.COMMIT_LATENCY).timer().count())
                .isEqualTo(1);
        assertThat(registry.get(LakehouseMetrics.CAS_RETRIES).counter().count()).isZero();
        assertThat(streamGauge(LakehouseMetrics.CDC_LAG, "sales")).isEqualTo(0.7);
        Reference.reachabilityFence(sales);
    }

    private double streamGauge(String meter, String stream) {
        return registry.get(meter).tag("stream", stream).gauge().value();
    }

    /** A stream whose readings the test sets. */
    private static final class FakeStream implements MeteredCdcStream {
        double lagMs;
        final double lagP99Ms;
        boolean running;
        boolean failed;
        double secondsSinceLastCommit;

        FakeStream(double lagMs, double lagP99Ms) {
            this.lagMs = lagMs;
            this.lagP99Ms = lagP99Ms;
        }

        @Override
        public double lagMs() {
            return lagMs;
        }

        @Override
        public double lagP99Ms() {
            return lagP99Ms;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public double secondsSinceLastCommit() {
            return secondsSinceLastCommit;
        }
    }

    private double ingested(String meter, String sourceKind) {
        return registry.get(meter).tag("source", sourceKind).counter().count();
    }

    /** The commit latency histogram's bucket: how many commits took at most {@code le} seconds. */
    private double commitsAtMost(String le) {
        return registry.get(LakehouseMetrics.COMMIT_LATENCY_HISTOGRAM)
                .tag("le", le)
                .gauge()
                .value();
    }

    private long graphqlRequests(String operation, String outcome) {
        return registry.get(LakehouseMetrics.GRAPHQL_LATENCY)
                .tags("operation", operation, "outcome", outcome)
                .timer()
                .count();
    }
}
