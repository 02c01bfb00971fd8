package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SecurityConfigSourceTest {

    private static SecurityConfigSource source(Map<String, String> values) {
        return new SecurityConfigSource(LakehouseSettings.from(name -> Optional.ofNullable(values.get(name))));
    }

    @Test
    void aKeyFetchedOverPlainHttpFromAnotherMachineStopsStartUpNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source(Map.of(
                        "data_lakehouse.jwt_public_key",
                        "http://sso.example.org/realms/cpc/protocol/openid-connect/certs")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_public_key")
                .hasMessageContaining("plain http");
        for (String local : new String[] {
            "http://127.0.0.1:18480/realms/x/certs",
            "http://localhost/certs",
            "/srv/keys/k.pem",
            "https://sso.example.org/certs"
        }) {
            assertThat(source(Map.of("data_lakehouse.jwt_public_key", local))
                            .getValue("mp.jwt.verify.publickey.location"))
                    .as(local)
                    .isNotNull();
        }
    }

    /**
     * MicroProfile Config takes an empty mp.jwt.verify.issuer for a missing one, and smallrye-jwt (WildFly) then sets no
     * expected issuer: a token of any issuer signed by a trusted key was accepted. So is its word for unset, NONE.
     */
    @Test
    void anEmptyIssuerStopsStartUpInsteadOfTurningTheIssuerCheckOff() {
        for (String unset : new String[] {"", "   ", "NONE", " NONE "}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source(Map.of("data_lakehouse.jwt_issuer", unset)))
                    .as("'" + unset + "'")
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("data_lakehouse.jwt_issuer must not be")
                    .hasMessageContaining("tokens of any issuer");
        }
        assertThat(source(Map.of("data_lakehouse.jwt_issuer", "none")).getValue("mp.jwt.verify.issuer"))
                .isEqualTo("none");
    }

    @Test
    void theLakehouseKeysBecomeMicroProfileJwtProperties() {
        SecurityConfigSource source = source(Map.of(
                "data_lakehouse.jwt_issuer",
                "https://sso.example.org/realms/cpc",
                "data_lakehouse.jwt_public_key",
                "https://sso.example.org/realms/cpc/protocol/openid-connect/certs",
                "data_lakehouse.jwt_audience",
                "lakehouse, reports"));

        assertThat(source.getProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "mp.jwt.verify.issuer", "https://sso.example.org/realms/cpc",
                        "mp.jwt.verify.publickey.location",
                                "https://sso.example.org/realms/cpc/protocol/openid-connect/certs",
                        "mp.jwt.verify.audiences", "lakehouse,reports",
                        "mp.jwt.verify.clock.skew", "60"));
        assertThat(source.getOrdinal()).isLessThan(250);
    }

    @Test
    void bothServersAcceptAnExpiredTokenForTheSameSixtySecondsOnly() {
        assertThat(source(Map.of()).getValue("mp.jwt.verify.clock.skew")).isEqualTo("60");
    }

    @Test
    void defaultsTrustTheLocalIssuerAndNoKeyUntilOneIsSet() {
        SecurityConfigSource source = source(Map.of());

        assertThat(source.getValue("mp.jwt.verify.issuer")).isEqualTo("lakehouse-local");
        assertThat(source.getValue("mp.jwt.verify.audiences")).isEqualTo("lakehouse");
        assertThat(source.getValue("mp.jwt.verify.publickey.location")).isNull();
        assertThat(source.getValue("smallrye.graphql.fieldVisibility")).isNull();
    }

    @Test
    void aKeyFileBecomesAFileUrlAndIntrospectionCanBeSwitchedOff() {
        SecurityConfigSource source = source(Map.of(
                "data_lakehouse.jwt_public_key",
                "/srv/keys/public-key.pem",
                "data_lakehouse.graphql_introspection",
                "false",
                "data_lakehouse.jwt_audience",
                ""));

        assertThat(source.getValue("mp.jwt.verify.publickey.location"))
                .isEqualTo(Path.of("/srv/keys/public-key.pem").toUri().toString());
        assertThat(source.getValue("mp.jwt.verify.audiences")).isNull();
        assertThat(blockedBy(source.getValue("smallrye.graphql.fieldVisibility")))
                .as("fields hidden when introspection is off")
                .containsExactly("__Schema.types", "__Schema.queryType", "__Type.fields", "Query._service");
    }

    /** The fields (Type.field) the value hides, read the way SmallRye GraphQL 2.17 builds graphql-java's BlockedFields. */
    private static List<String> blockedBy(String fieldVisibility) {
        List<Pattern> patterns =
                Arrays.stream(fieldVisibility.split(",")).map(Pattern::compile).toList();
        return Stream.of(
                        "__Schema.types",
                        "__Schema.queryType",
                        "__Type.fields",
                        "Query._service",
                        "Query.assets",
                        "Query.asset",
                        "Asset.rows",
                        "Mutation.createAsset")
                .filter(field ->
                        patterns.stream().anyMatch(p -> p.matcher(field).matches()))
                .toList();
    }

    @Test
    void anInvalidIntrospectionSwitchIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> source(Map.of("data_lakehouse.graphql_introspection", "maybe")))
                .hasMessageContaining("data_lakehouse.graphql_introspection must be true or false");
    }
}
