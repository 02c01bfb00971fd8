package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnknownOverridesTest {

    @Test
    void refusesAMistypedEnvironmentVariableNamingTheClosestKey() {
        assertThatThrownBy(() -> UnknownOverrides.refuse(
                        List.of("PATH", "DATA_LAKEHOUSE_HTTP_PORT", "DATA_LAKEHOUSE_WEBM_STORAGE_PTH"), List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid lakehouse configuration: the environment variable DATA_LAKEHOUSE_WEBM_STORAGE_PTH"
                        + " names no key (closest: DATA_LAKEHOUSE_WEBM_STORAGE_PATH)");
    }

    @Test
    void refusesAMistypedSystemPropertyNamingTheClosestKey() {
        assertThatThrownBy(() -> UnknownOverrides.refuse(
                        List.of(), List.of("java.version", "data_lakehouse.audit_log_retention_day")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid lakehouse configuration: the system property"
                        + " data_lakehouse.audit_log_retention_day names no key"
                        + " (closest: data_lakehouse.audit_log_retention_days)");
    }

    @Test
    void namesEveryUnknownNameAtOnce() {
        assertThatThrownBy(() -> UnknownOverrides.refuse(
                        List.of("DATA_LAKEHOUSE_POSTGRESQL_CONECTION"), List.of("data_lakehouse.http_prot")))
                .hasMessageContaining("DATA_LAKEHOUSE_POSTGRESQL_CONECTION names no key"
                        + " (closest: DATA_LAKEHOUSE_POSTGRESQL_CONNECTION)")
                .hasMessageContaining("data_lakehouse.http_prot names no key (closest: data_lakehouse.http_port)");
    }

    @Test
    void acceptsEveryKeyInEitherFormAndNamesOutsideTheNamespace() {
        List<String> environment = new java.util.ArrayList<>(List.of("PATH", "LAKEHOUSE_CONFIG_FILE", "DATA_LAKE"));
        List<String> properties = new java.util.ArrayList<>(List.of("lakehouse.db.url", "lakehouse.config.file"));
        for (LakehouseKey key : LakehouseKey.values()) {
            environment.add(LakehouseSettings.environmentName(key.propertyName()));
            // MicroProfile Config also reads the lower-case form of an environment variable.
            environment.add(
                    LakehouseSettings.environmentName(key.propertyName()).toLowerCase());
            properties.add(key.propertyName());
        }

        assertThatCode(() -> UnknownOverrides.refuse(environment, properties)).doesNotThrowAnyException();
    }

    @Test
    void theServersConfigSourceRefusesAMistypedSystemProperty() {
        System.setProperty("data_lakehouse.webm_storage_pth", "/srv/webm");
        try {
            assertThatThrownBy(JsonFileConfigSource::new)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("data_lakehouse.webm_storage_pth names no key");
            assertThatThrownBy(() -> LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource(Optional.empty())))
                    .hasMessageContaining("data_lakehouse.webm_storage_pth names no key");
        } finally {
            System.clearProperty("data_lakehouse.webm_storage_pth");
        }
    }
}
