package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the launcher prints about its configuration: every key's effective value (secrets masked) and where
 * it came from, in the launcher's lookup order: system property, environment variable (DATA_LAKEHOUSE_*),
 * lakehouse.json, default.
 */
final class ConfigurationReport {

    private ConfigurationReport() {}

    /**
     * @param configFile        the lakehouse.json the settings were read with, if any
     * @param systemProperties  raw value of a property name as a system property
     * @param environment       raw value of an environment variable name
     * @param file              raw value of a property name in the lakehouse.json
     */
    static String of(
            LakehouseSettings settings,
            Optional<Path> configFile,
            Function<String, Optional<String>> systemProperties,
            Function<String, Optional<String>> environment,
            Function<String, Optional<String>> file) {
        String fileName = configFile.map(p -> p.toAbsolutePath().toString()).orElse("lakehouse.json");
        Set<String> used = new HashSet<>();
        List<String> lines = new ArrayList<>();
        for (String line : settings.describe().split("\n")) {
            Optional<LakehouseKey> key = keyOf(line);
            if (key.isEmpty() || line.endsWith("=(unset)")) {
                lines.add(line);
                continue;
            }
            String name = key.get().propertyName();
            String environmentName = LakehouseSettings.environmentName(name);
            String origin;
            if (systemProperties.apply(name).isPresent()) {
                origin = "system property";
                used.add("system properties");
            } else if (environment.apply(environmentName).isPresent()) {
                origin = "environment " + environmentName;
                used.add("environment overrides");
            } else if (configFile.isPresent() && file.apply(name).isPresent()) {
                origin = fileName;
                used.add(fileName);
            } else {
                origin = "default";
                used.add("defaults");
            }
            lines.add(line + "  (" + origin + ")");
        }
        List<String> inLookupOrder =
                new ArrayList<>(List.of("system properties", "environment overrides", fileName, "defaults"));
        inLookupOrder.retainAll(used);
        String sources = inLookupOrder.size() < 2
                ? String.join("", inLookupOrder)
                : String.join(", ", inLookupOrder.subList(0, inLookupOrder.size() - 1)) + " and "
                        + inLookupOrder.get(inLookupOrder.size() - 1);
        String heading = "Configuration (" + (sources.isEmpty() ? "nothing set" : sources)
                + (configFile.isPresent() ? "" : "; no lakehouse.json") + "):";
        return heading + "\n" + String.join("\n", lines).indent(2).stripTrailing();
    }

    private static Optional<LakehouseKey> keyOf(String line) {
        for (LakehouseKey key : LakehouseKey.values()) {
            if (line.startsWith(key.propertyName() + "=")) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
