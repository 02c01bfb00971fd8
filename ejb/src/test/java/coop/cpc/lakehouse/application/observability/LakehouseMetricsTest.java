package coop.cpc.lakehouse.application.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
        long[] lag = {1500, 4000};
        metrics.cdcStream("sales", lag, l -> l[0], l -> l[1]);
        metrics.cdcStream("erp", new long[] {0, 0}, l -> l[0], l -> l[1]);

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
        lag[0] = 250;
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
