package coop.cpc.lakehouse.batch.liberty;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Looks up the MicroProfile application registry that {@code mpMetrics-5.1} provides. Loaded only once
 * {@link LibertyMeterRegistry} has found the MicroProfile Metrics API, since it names its types.
 */
final class ExportedMeterRegistry {
    private ExportedMeterRegistry() {}

    /** A registry exported through the application's MicroProfile registry, or null when none is resolvable. */
    static MeterRegistry applicationRegistry() {
        Instance<MetricRegistry> application = CDI.current().select(MetricRegistry.class);
        return application.isResolvable() ? new MicroProfileMetricsMeterRegistry(application.get()) : null;
    }
}
