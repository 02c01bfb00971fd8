package coop.cpc.lakehouse.batch.liberty;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The {@link MeterRegistry} the application's metrics ({@code LakehouseMetrics}) record into on Open
 * Liberty. WildFly's Micrometer subsystem provides one and exports it at {@code /metrics}; Liberty's
 * {@code mpMetrics-5.1} feature does not hand its Micrometer registry to applications, so our meters
 * reach its {@code /metrics} through the MicroProfile application registry it injects
 * ({@link MicroProfileMetricsMeterRegistry}). It sits in the batch module's {@code liberty} jar because
 * that is the one Liberty-only bean archive of the EAR.
 */
@ApplicationScoped
public class LibertyMeterRegistry {

    @Inject
    MetricRegistry applicationRegistry;

    private MeterRegistry registry;

    @PostConstruct
    void create() {
        registry = new MicroProfileMetricsMeterRegistry(applicationRegistry);
    }

    // One registry per application; produced @Dependent because MeterRegistry cannot be proxied.
    @Produces
    MeterRegistry registry() {
        return registry;
    }
}
