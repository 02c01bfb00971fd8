package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/**
 * The server reads the keys through MicroProfile Config, which takes an empty value for a missing one (the
 * specification's rule, and SmallRye Config's on WildFly and Open Liberty): {@link LakehouseSettings#lookupIn} must
 * see the empty value the launcher and {@link SecurityConfigSource} see, not the key's default.
 */
class ServerLookupTest {

    @Test
    void anEmptyIssuerInTheServerStopsStartUpInsteadOfBecomingTheDefault() {
        Config config = new EmptyIsMissing(Map.of("data_lakehouse.jwt_issuer", ""));

        assertThatThrownBy(() -> LakehouseSettings.from(LakehouseSettings.lookupIn(config)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_issuer must not be empty");
    }

    @Test
    void anEmptyStoragePathInTheServerStopsStartUpAsInTheLauncher() {
        Config config = new EmptyIsMissing(Map.of("data_lakehouse.webm_storage_path", ""));

        assertThatThrownBy(() -> LakehouseSettings.from(LakehouseSettings.lookupIn(config)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.webm_storage_path must not be blank");
    }

    @Test
    void anEmptyAudienceMeansNotCheckedInTheServerAsTheDocsSay() {
        Config config = new EmptyIsMissing(Map.of("data_lakehouse.jwt_audience", ""));

        assertThat(LakehouseSettings.from(LakehouseSettings.lookupIn(config)).jwtAudiences())
                .isEmpty();
    }

    @Test
    void anAudienceListOfOnlyCommasStopsStartUpInsteadOfLeavingTheAudienceUnchecked() {
        Config config = smallRye(Map.of("data_lakehouse.jwt_audience", ","));

        assertThatThrownBy(() -> LakehouseSettings.from(LakehouseSettings.lookupIn(config)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_audience holds an empty audience");
    }

    @Test
    void setValuesAndDefaultsAreReadAsBefore() {
        Config config = new EmptyIsMissing(Map.of("data_lakehouse.jwt_issuer", "https://sso.example.org/realms/cpc"));

        LakehouseSettings settings = LakehouseSettings.from(LakehouseSettings.lookupIn(config));

        assertThat(settings.jwtIssuer()).isEqualTo("https://sso.example.org/realms/cpc");
        assertThat(settings.jwtAudiences()).containsExactly("lakehouse");
        assertThat(settings.auditLogRetentionDays()).isEqualTo(365);
    }

    @Test
    void anIssuerThatExpandsToEmptyStopsStartUpOnTheServersOwnConfig() {
        Config config = smallRye(Map.of("data_lakehouse.jwt_issuer", "${LAKEHOUSE_TEST_ISSUER_NOT_SET:}"));

        assertThatThrownBy(() -> LakehouseSettings.from(LakehouseSettings.lookupIn(config)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_issuer must not be empty");
    }

    @Test
    void anEmptyIssuerStopsStartUpOnTheServersOwnConfig() {
        Config config = smallRye(Map.of("data_lakehouse.jwt_issuer", ""));

        assertThatThrownBy(() -> LakehouseSettings.from(LakehouseSettings.lookupIn(config)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_issuer must not be empty");
    }

    @Test
    void anExpressionIsReadExpandedOnTheServersOwnConfig() {
        Config config = smallRye(Map.of(
                "data_lakehouse.jwt_issuer", "${issuer.host}/realms/cpc", "issuer.host", "https://sso.example.org"));

        assertThat(LakehouseSettings.from(LakehouseSettings.lookupIn(config)).jwtIssuer())
                .isEqualTo("https://sso.example.org/realms/cpc");
    }

    /** SmallRye Config, as WildFly and Open Liberty build it (expressions expanded, an empty value taken as missing). */
    private static Config smallRye(Map<String, String> values) {
        return new io.smallrye.config.SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .build();
    }

    /** MicroProfile Config's reading of a map: getOptionalValue of an empty value is empty; getConfigValue is raw. */
    private record EmptyIsMissing(Map<String, String> values) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            String raw = values.get(name);
            return new ConfigValue() {
                @Override
                public String getName() {
                    return name;
                }

                @Override
                public String getValue() {
                    return raw;
                }

                @Override
                public String getRawValue() {
                    return raw;
                }

                @Override
                public String getSourceName() {
                    return raw == null ? null : "test";
                }

                @Override
                public int getSourceOrdinal() {
                    return 250;
                }
            };
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            String raw = values.get(name);
            return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(type.cast(raw));
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return java.util.List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException(type.getName());
        }
    }
}
