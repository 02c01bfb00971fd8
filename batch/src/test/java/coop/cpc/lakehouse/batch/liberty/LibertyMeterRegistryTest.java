package coop.cpc.lakehouse.batch.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LibertyMeterRegistryTest {

    @Test
    void withoutTheMetricsApiTheMetersStayInMemoryAndTheExportedRegistryIsNeverMade() {
        MeterRegistry registry = LibertyMeterRegistry.exportedIfAvailable("org.example.NoSuchMetricRegistry", () -> {
            throw new AssertionError("must not be called without the API");
        });

        assertThat(registry).isExactlyInstanceOf(SimpleMeterRegistry.class);
        registry.counter("lakehouse.ingested.rows").increment();
        assertThat(registry.get("lakehouse.ingested.rows").counter().count()).isEqualTo(1);
    }

    @Test
    void withTheApiButNoRegistryToInjectTheMetersStayInMemory() {
        MeterRegistry registry = LibertyMeterRegistry.exportedIfAvailable(LibertyMeterRegistry.METRICS_API, () -> null);

        assertThat(registry).isExactlyInstanceOf(SimpleMeterRegistry.class);
    }

    @Test
    void withTheApiTheExportedRegistryIsUsed() {
        MicroProfileMetricsMeterRegistry exported =
                new MicroProfileMetricsMeterRegistry(new InMemoryMetricRegistry().registry);

        assertThat(LibertyMeterRegistry.exportedIfAvailable(LibertyMeterRegistry.METRICS_API, () -> exported))
                .isSameAs(exported);
    }
}
