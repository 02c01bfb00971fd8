package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationReportTest {

    private static final String HTTP_PORT = LakehouseKey.HTTP_PORT.propertyName();
    private static final String HTTP_PORT_ENV = LakehouseSettings.environmentName(HTTP_PORT);
    private static final String MANAGEMENT_PORT = LakehouseKey.MANAGEMENT_PORT.propertyName();
    private static final String DATABASE_PORT = LakehouseKey.EMBEDDED_POSTGRESQL_PORT.propertyName();

    @Test
    void anEnvironmentOverrideWithoutLakehouseJsonIsNamedInTheHeadingAndOnItsLine() {
        Map<String, String> environment = Map.of(HTTP_PORT_ENV, "18080");
        LakehouseSettings settings =
                LakehouseSettings.from(name -> lookup(environment, LakehouseSettings.environmentName(name)));

        String report = ConfigurationReport.of(
                settings, Optional.empty(), name -> Optional.empty(), name -> lookup(environment, name), name -> {
                    throw new AssertionError("no lakehouse.json to read");
                });

        assertThat(report.lines().findFirst().orElseThrow())
                .isEqualTo("Configuration (environment overrides and defaults; no lakehouse.json):");
        assertThat(report)
                .contains("  " + HTTP_PORT + "=18080  (environment " + HTTP_PORT_ENV + ")")
                .contains("  " + MANAGEMENT_PORT + "=" + settings.managementPort() + "  (default)");
    }

    @Test
    void eachValueNamesTheSourceItCameFromInTheLaunchersLookupOrder() {
        Path json = Path.of("/srv/lakehouse/lakehouse.json");
        Map<String, String> system = Map.of(MANAGEMENT_PORT, "19990");
        Map<String, String> environment = Map.of(HTTP_PORT_ENV, "18080");
        Map<String, String> file = Map.of(HTTP_PORT, "28080", MANAGEMENT_PORT, "29990", DATABASE_PORT, "25432");
        LakehouseSettings settings = LakehouseSettings.from(name -> lookup(system, name)
                .or(() -> lookup(environment, LakehouseSettings.environmentName(name)))
                .or(() -> lookup(file, name)));

        String report = ConfigurationReport.of(
                settings,
                Optional.of(json),
                name -> lookup(system, name),
                name -> lookup(environment, name),
                name -> lookup(file, name));

        assertThat(report.lines().findFirst().orElseThrow())
                .isEqualTo("Configuration (system properties, environment overrides, " + json.toAbsolutePath()
                        + " and defaults):");
        assertThat(report)
                .contains("  " + MANAGEMENT_PORT + "=19990  (system property)")
                .contains("  " + HTTP_PORT + "=18080  (environment " + HTTP_PORT_ENV + ")")
                .contains("  " + DATABASE_PORT + "=25432  (" + json.toAbsolutePath() + ")");
    }

    private static Optional<String> lookup(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name));
    }
}
