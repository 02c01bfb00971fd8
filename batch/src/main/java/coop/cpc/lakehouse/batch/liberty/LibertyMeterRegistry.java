package coop.cpc.lakehouse.batch.liberty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The {@link MeterRegistry} the application's metrics ({@code LakehouseMetrics}) record into on Open
 * Liberty. WildFly's Micrometer subsystem provides one and exports it at {@code /metrics}; Liberty's
 * {@code mpMetrics} feature does not hand its Micrometer registry to applications, so here the
 * meters are kept in memory and NOT exported (docs/deployment.md says so). It sits in the batch
 * module's {@code liberty} jar because that is the one Liberty-only bean archive of the EAR.
 */
@ApplicationScoped
public class LibertyMeterRegistry {

    // One registry per application; produced @Dependent because MeterRegistry cannot be proxied.
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Produces
    MeterRegistry registry() {
        return registry;
    }
}
