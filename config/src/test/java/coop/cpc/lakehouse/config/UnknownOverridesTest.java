package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.testing.CapturedLog;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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
    void ignoresKubernetesServiceLinkAndDockerLinkVariables() {
        List<String> environment = List.of(
                "DATA_LAKEHOUSE_SERVICE_HOST",
                "DATA_LAKEHOUSE_SERVICE_PORT",
                "DATA_LAKEHOUSE_SERVICE_PORT_HTTP",
                "DATA_LAKEHOUSE_PORT",
                "DATA_LAKEHOUSE_PORT_8080_TCP",
                "DATA_LAKEHOUSE_PORT_8080_TCP_ADDR",
                "DATA_LAKEHOUSE_PORT_8080_TCP_PORT",
                "DATA_LAKEHOUSE_PORT_8080_TCP_PROTO",
                "DATA_LAKEHOUSE_DB_SERVICE_HOST",
                "DATA_LAKEHOUSE_DB_SERVICE_PORT",
                "DATA_LAKEHOUSE_DB_PORT",
                "DATA_LAKEHOUSE_DB_PORT_5432_TCP_ADDR",
                "DATA_LAKEHOUSE_KEYCLOAK_PORT_8443_UDP_PROTO");

        assertThatCode(() -> UnknownOverrides.refuse(environment, List.of())).doesNotThrowAnyException();
    }

    @Test
    void stillRefusesAMistypedKeyThatIsNoServiceLinkShape() {
        assertThatThrownBy(() -> UnknownOverrides.refuse(
                        List.of("DATA_LAKEHOUSE_SERVICE_HOST", "DATA_LAKEHOUSE_HTTP_PROT"), List.of()))
                .hasMessage("Invalid lakehouse configuration: the environment variable DATA_LAKEHOUSE_HTTP_PROT"
                        + " names no key (closest: DATA_LAKEHOUSE_HTTP_PORT)");
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

    @Test
    void theServersConfigSourceLogsItsRefusalSinceTheServiceLoaderHidesIt() {
        System.setProperty("data_lakehouse.webm_storage_pth", "/srv/webm");
        try (CapturedLog log = CapturedLog.of(JsonFileConfigSource.class)) {
            List<LogRecord> records = log.records();
            assertThatThrownBy(JsonFileConfigSource::new).isInstanceOf(InvalidConfigurationException.class);
            assertThat(records)
                    .singleElement()
                    .satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.SEVERE))
                    .satisfies(record ->
                            assertThat(record.getMessage()).contains("data_lakehouse.webm_storage_pth names no key"));
        } finally {
            System.clearProperty("data_lakehouse.webm_storage_pth");
        }
    }
}
