package coop.cpc.lakehouse.application.config;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The validated lakehouse settings, read once from MicroProfile Config (lakehouse.json, environment, system properties). */
@ApplicationScoped
public class SettingsProducer {
    private volatile LakehouseSettings settings;

    @Produces
    public LakehouseSettings settings() {
        LakehouseSettings current = settings;
        if (current == null) {
            Config config = ConfigProvider.getConfig(SettingsProducer.class.getClassLoader());
            current = LakehouseSettings.from(LakehouseSettings.lookupIn(config));
            settings = current;
        }
        return current;
    }
}
