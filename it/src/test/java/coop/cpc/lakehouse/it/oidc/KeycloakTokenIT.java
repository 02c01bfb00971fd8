package coop.cpc.lakehouse.it.oidc;

import static coop.cpc.lakehouse.it.GraphQlClient.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.ItTokens;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens from a real OIDC provider: a Keycloak started by this test (realm with a confidential
 * client, users in groups named like the roles, a group-membership mapper to the {@code groups}
 * claim and an audience mapper), and a WildFly of this test's own configured the way an operator
 * plugs in a provider: {@code jwt_issuer} = the realm's issuer, {@code jwt_public_key} = its JWKS URL.
 *
 * <p>Keycloak needs Java 21+: the test uses KEYCLOAK_JAVA_HOME, JAVA_HOME, the running JDK, or the
 * newest JDK under /usr/lib/jvm or /opt. Ports: Keycloak on {@code lakehouse.it.keycloak.port}
 * (and the next one for its management interface), the server 200 above the Arquillian server's.
 */
@ExtendWith(ItDatabase.class)
class KeycloakTokenIT {
    private static final Path DIR =
            Path.of(System.getProperty("lakehouse.it.dir", "target")).toAbsolutePath();
    private static final int KEYCLOAK_PORT = Integer.getInteger("lakehouse.it.keycloak.port", 18480);
    private static final String CATALOG = "oidc_catalog";
    private static final String CLIENT = "lakehouse-it";
    private static final String CLIENT_SECRET = "it-client-secret-7d1f";

    @Test
    void aKeycloakTokenIsAcceptedAndItsGroupsAreTheCallersRoles() throws Exception {
        Path java = Keycloak.findJava()
                .orElseThrow(() ->
                        new AssertionError("No JDK " + Keycloak.MIN_JAVA + "+ for Keycloak: set KEYCLOAK_JAVA_HOME"));
        Path realm = Path.of(KeycloakTokenIT.class
                .getResource("/keycloak/lakehouse-realm.json")
                .toURI());
        try (Keycloak keycloak = Keycloak.start(keycloakHome(), java, KEYCLOAK_PORT, realm, Duration.ofMinutes(8))) {
            try (Connection admin = ItDatabase.connect();
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + CATALOG + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + CATALOG);
            }
            KillableWildFly server =
                    KillableWildFly.copyOf(DIR.resolve("wildfly"), DIR.resolve("wildfly-oidc"), portOffset());
            try {
                server.deploy(DIR.resolve("lakehouse.ear"));
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("lakehouse.db.url", ItDatabase.url(CATALOG));
                properties.put("lakehouse.db.user", "postgres");
                properties.put(
                        "data_lakehouse.webm_storage_path",
                        Files.createDirectories(DIR.resolve("oidc-webm")).toString());
                properties.put(
                        "data_lakehouse.local_source_roots",
                        Files.createDirectories(DIR.resolve("oidc-inbox")).toString());
                properties.put("data_lakehouse.jwt_issuer", keycloak.issuer());
                properties.put("data_lakehouse.jwt_public_key", keycloak.jwksUrl());
                properties.put("data_lakehouse.jwt_audience", "lakehouse");
                server.start(properties);
                server.awaitGraphQl(GraphQlClient.PATH, Duration.ofMinutes(4));
                GraphQlClient graphql = GraphQlClient.at(server.httpPort());

                String operator = keycloak.token(CLIENT, CLIENT_SECRET, "olga", "olga-password-3c9e");
                String viewer = keycloak.token(CLIENT, CLIENT_SECRET, "victor", "victor-password-81ab");

                assertThat(codes(post(graphql, operator, "{ ingestionJobs(first: 1) { nodes { id } } }")))
                        .isEmpty();
                assertThat(codes(post(
                                graphql,
                                operator,
                                "mutation { createAsset(input: {namespace: \"oidc\", name: \"x\"}) { id } }")))
                        .containsExactly("forbidden");
                assertThat(codes(post(graphql, viewer, "{ assets(first: 1) { nodes { id } } }")))
                        .isEmpty();
                assertThat(codes(post(graphql, viewer, "{ ingestionJobs(first: 1) { nodes { id } } }")))
                        .containsExactly("forbidden");

                HttpResponse<String> foreign =
                        graphql.post("{ assets(first: 1) { nodes { id } } }", Map.of(), ItTokens.token("admin"), null);
                assertThat(foreign.statusCode())
                        .as("a token of another issuer: %s", foreign.body())
                        .isEqualTo(401);
                assertThat(GraphQlClient.JSON
                                .readTree(foreign.body())
                                .get("errors")
                                .get(0)
                                .get("extensions")
                                .get("code")
                                .asText())
                        .isEqualTo("unauthenticated");
            } finally {
                server.stop();
            }
        }
    }

    /** The distribution the build unpacked into target/keycloak. */
    private static Path keycloakHome() throws Exception {
        try (Stream<Path> dirs = Files.list(DIR.resolve("keycloak"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No Keycloak under " + DIR.resolve("keycloak")));
        }
    }

    private static int portOffset() {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger("lakehouse.it.oidc.port.offset", arquillianHttpPort - 8080 + 200);
    }

    private static JsonNode post(GraphQlClient graphql, String token, String query) throws Exception {
        HttpResponse<String> response = graphql.post(query, Map.of(), token, null);
        assertThat(response.statusCode())
                .as("HTTP status of %s: %s", query, response.body())
                .isEqualTo(200);
        return GraphQlClient.JSON.readTree(response.body());
    }
}
