package coop.cpc.lakehouse.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** A ConfigSource whose properties are one map fixed when it is built; subclasses give the map, name and ordinal. */
abstract class MapConfigSource implements ConfigSource {
    private final Map<String, String> properties;

    MapConfigSource(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }
}
