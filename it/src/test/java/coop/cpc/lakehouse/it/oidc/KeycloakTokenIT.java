package coop.cpc.lakehouse.it.oidc;

import static coop.cpc.lakehouse.it.GraphQlClient.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.ItTokens;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
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
    private static final String CATALOG = "oidc_catalog";
    private static final String CLIENT = "lakehouse-it";
    private static final String CLIENT_SECRET = "it-client-secret-7d1f";

    @Test
    void aKeycloakTokenIsAcceptedAndItsGroupsAreTheCallersRoles() throws Exception {
        Path realm = Path.of(KeycloakTokenIT.class
                .getResource("/keycloak/lakehouse-realm.json")
                .toURI());
        try (Keycloak keycloak = OidcServers.startKeycloak(realm)) {
            KillableWildFly server = OidcServers.deployWildFly(CATALOG, "oidc");
            try {
                OidcServers.startTrusting(server, keycloak, CATALOG, "oidc", Map.of());
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

    private static JsonNode post(GraphQlClient graphql, String token, String query) throws Exception {
        HttpResponse<String> response = graphql.post(query, Map.of(), token, null);
        assertThat(response.statusCode())
                .as("HTTP status of %s: %s", query, response.body())
                .isEqualTo(200);
        return GraphQlClient.JSON.readTree(response.body());
    }
}
