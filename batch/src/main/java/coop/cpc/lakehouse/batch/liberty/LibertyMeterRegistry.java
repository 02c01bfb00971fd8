package coop.cpc.lakehouse.batch.liberty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The {@link MeterRegistry} the application's metrics ({@code LakehouseMetrics}) record into on Open
 * Liberty. WildFly's Micrometer subsystem provides one and exports it at {@code /metrics}; Liberty's
 * {@code mpMetrics-5.1} feature does not hand its Micrometer registry to applications, so our meters
 * reach its {@code /metrics} through the MicroProfile application registry
 * ({@link MicroProfileMetricsMeterRegistry}). Without that feature Liberty shows the application no
 * MicroProfile Metrics API: the meters then stay in memory, with one WARNING, and the application runs.
 * This class names no MicroProfile Metrics type, so that it loads either way; {@link ExportedMeterRegistry}
 * does, and is loaded only when the API is there. It sits in the batch module's {@code liberty} jar
 * because that is the one Liberty-only bean archive of the EAR.
 */
@ApplicationScoped
public class LibertyMeterRegistry {
    private static final Logger LOG = Logger.getLogger(LibertyMeterRegistry.class.getName());
    static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";

    private MeterRegistry registry;

    @PostConstruct
    void create() {
        // A lambda, not a method reference: ExportedMeterRegistry is linked only when the lambda runs.
        registry = exportedIfAvailable(METRICS_API, () -> ExportedMeterRegistry.applicationRegistry());
    }

    /**
     * The registry {@code exported} makes when the class {@code metricsApi} is visible to the application
     * and it makes one, else an in-memory registry and a WARNING that names the missing feature.
     */
    static MeterRegistry exportedIfAvailable(String metricsApi, Supplier<MeterRegistry> exported) {
        MeterRegistry made = isVisible(metricsApi) ? exported.get() : null;
        if (made == null) {
            LOG.warning("The MicroProfile Metrics API (" + metricsApi + ") is not available to the application: "
                    + "enable the feature mpMetrics-5.1 in server.xml to export the application's metrics at "
                    + "/metrics; until then they are kept in memory only");
            return new SimpleMeterRegistry();
        }
        return made;
    }

    private static boolean isVisible(String className) {
        try {
            Class.forName(className, false, LibertyMeterRegistry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    // One registry per application; produced @Dependent because MeterRegistry cannot be proxied.
    @Produces
    MeterRegistry registry() {
        return registry;
    }
}
