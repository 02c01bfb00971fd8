package coop.cpc.lakehouse.batch.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

class MicroProfileMetricsMeterRegistryRefusalTest {
    private final List<String> removed = new ArrayList<>();

    /** Refuses every registration, as Liberty does for a name taken with other tag keys or as another type. */
    private final MetricRegistry refusing = (MetricRegistry) Proxy.newProxyInstance(
            MetricRegistry.class.getClassLoader(), new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "counter", "timer", "gauge" ->
                        throw new IllegalArgumentException(
                                "Tag names of " + args[0] + " do not match the registered ones");
                    case "remove" -> {
                        removed.add(String.valueOf(args[0]));
                        return true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
            });

    private final MicroProfileMetricsMeterRegistry registry = new MicroProfileMetricsMeterRegistry(refusing);

    @Test
    void aMeterTheMicroProfileRegistryRefusesKeepsCountingInMemoryWithoutFailingTheCaller() {
        assertThatCode(() -> registry.counter("lakehouse.ingested.rows", "source", "SLED")
                        .increment(3))
                .doesNotThrowAnyException();
        Timer timer = registry.timer("lakehouse.run.duration", "job", "ingestion");
        timer.record(Duration.ofMillis(20));
        AtomicLong lag = new AtomicLong(7);
        Gauge gauge = Gauge.builder("lakehouse.cdc.lag", lag, AtomicLong::get).register(registry);

        assertThat(registry.get("lakehouse.ingested.rows").counter().count()).isEqualTo(3);
        assertThat(timer.count()).isEqualTo(1);
        assertThat(gauge.value()).isEqualTo(7);
    }

    @Test
    void removingARefusedMeterLeavesTheMicroProfileMetricOfThatNameAlone() {
        AtomicLong lag = new AtomicLong(7);
        Gauge gauge = Gauge.builder("lakehouse.cdc.lag", lag, AtomicLong::get).register(registry);
        registry.remove(gauge);

        assertThat(removed)
                .as("another meter may own that name in the MicroProfile registry")
                .isEmpty();
    }
}
