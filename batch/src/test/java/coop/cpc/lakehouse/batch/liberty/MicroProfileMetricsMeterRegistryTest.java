package coop.cpc.lakehouse.batch.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.observability.MeteredCdcStream;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

class MicroProfileMetricsMeterRegistryTest {
    private final InMemoryMetricRegistry microProfile = new InMemoryMetricRegistry();
    private final MicroProfileMetricsMeterRegistry registry =
            new MicroProfileMetricsMeterRegistry(microProfile.registry);
    private final LakehouseMetrics metrics = new LakehouseMetrics(registry);

    @Test
    void ingestionCountersReachTheMicroProfileRegistryUnderTheirNamesAndTags() {
        for (long rows : new long[] {300, 200}) {
            metrics.ingested("POSTGRES_TABLE", rows, rows * 8);
        }
        metrics.ingested("SLED", 7, 70);

        Tag postgres = new Tag("source", "POSTGRES_TABLE");
        assertThat(microProfile.count("lakehouse.ingested.rows", postgres)).isEqualTo(500);
        assertThat(microProfile.count("lakehouse.ingested.bytes", postgres)).isEqualTo(4000);
        assertThat(microProfile.count("lakehouse.ingested.rows", new Tag("source", "SLED")))
                .isEqualTo(7);
        assertThat(registry.get("lakehouse.ingested.rows")
                        .tag("source", "POSTGRES_TABLE")
                        .counter()
                        .count())
                .as("the Micrometer meter keeps its value too")
                .isEqualTo(500);
    }

    @Test
    void timersRecordEveryDurationInTheMicroProfileTimer() {
        metrics.runEnded("ingestion", "COMPLETED", Duration.ofMillis(1500));
        metrics.runEnded("ingestion", "COMPLETED", Duration.ofMillis(500));
        metrics.graphqlRequest("appendRows", false, 2_000_000);

        InMemoryMetricRegistry.RecordingTimer runs = microProfile.timer(
                "lakehouse.run.duration", new Tag("job", "ingestion"), new Tag("status", "COMPLETED"));
        assertThat(runs.getCount()).isEqualTo(2);
        assertThat(runs.getElapsedTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(microProfile
                        .timer(
                                "lakehouse.graphql.request",
                                new Tag("operation", "appendRows"),
                                new Tag("outcome", "ok"))
                        .getElapsedTime())
                .isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void gaugesAreReadThroughAndARemovedStreamLeavesTheMicroProfileRegistry() {
        AtomicLong lagMs = new AtomicLong(2500);
        metrics.cdcStream("orders", new LagOnly(lagMs, 4000));
        metrics.commitTook(3_000_000);

        Tag orders = new Tag("stream", "orders");
        assertThat(microProfile.gauge("lakehouse.cdc.lag.seconds", orders)).isEqualTo(2.5);
        lagMs.set(500);
        assertThat(microProfile.gauge("lakehouse.cdc.lag.seconds", orders)).isEqualTo(0.5);
        assertThat(microProfile.gauge("lakehouse.cdc.lag.p99.seconds", orders)).isEqualTo(4.0);
        assertThat(microProfile.gauge("lakehouse.commit.latency.histogram", new Tag("le", "+Inf")))
                .isEqualTo(1.0);

        metrics.cdcStreamRemoved("orders");

        assertThat(microProfile.metrics)
                .doesNotContainKeys(
                        new MetricID("lakehouse.cdc.lag.seconds", orders),
                        new MetricID("lakehouse.cdc.lag.p99.seconds", orders));
        metrics.cdcStream("orders", new LagOnly(lagMs, 0));
        assertThat(microProfile.gauge("lakehouse.cdc.lag.seconds", orders))
                .as("a stream made again under the same name")
                .isEqualTo(0.5);
    }

    @Test
    void fractionsReachTheMicroProfileCounterOnceTheyMakeAWholeUnit() {
        Counter counter = registry.counter("lakehouse.test.fractions");

        counter.increment(0.4);
        long afterOne = microProfile.count("lakehouse.test.fractions");
        counter.increment(0.4);
        counter.increment(0.4);

        assertThat(afterOne).isZero();
        assertThat(microProfile.count("lakehouse.test.fractions")).isEqualTo(1);
        assertThat(counter.count()).isEqualTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** A running stream of the given lag. */
    private record LagOnly(AtomicLong lag, double lagP99Ms) implements MeteredCdcStream {
        @Override
        public double lagMs() {
            return lag.get();
        }

        @Override
        public boolean running() {
            return true;
        }

        @Override
        public boolean failed() {
            return false;
        }

        @Override
        public double secondsSinceLastCommit() {
            return 0;
        }
    }
}
