package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens, secret values and connection details stay secret: after a run of requests with valid and
 * invalid tokens, and an HTTP ingestion whose API echoes the secret it received in an error, neither
 * the server's logs (on Liberty every file under logs/, FFDC incidents included) nor the audit trail
 * holds a token or the secret; non-admins see no connection details.
 */
class SecretsStayOutIT extends DeployedEarFixture {
    @Test
    void jobSettingsShowConnectionDetailsToAdminsOnly() throws Exception {
        String assetId =
                runs.createAsset("secrets", "settings_" + suffix(), List.of(IngestionRuns.column("v", "string", true)));
        String jobId = runs.createJob(
                        "settings",
                        assetId,
                        "httpApi",
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/hidden-path",
                                "auth",
                                Map.of("kind", "BEARER", "secretAlias", "it_api_token")))
                .get("id")
                .asText();
        String query =
                "query($id: ID!) { ingestionJob(id: $id) { sourceConfig } ingestionJobs(first: 100) { nodes { id sourceConfig } } }";

        JsonNode admin = graphql.data(query, Map.of("id", jobId));
        JsonNode operator = graphql.as("operator").data(query, Map.of("id", jobId));

        assertThat(admin.get("ingestionJob").get("sourceConfig").asText())
                .contains("hidden-path")
                .contains("it_api_token");
        assertThat(operator.get("ingestionJob").get("sourceConfig").asText())
                .contains("HTTP_API")
                .doesNotContain("hidden-path")
                .doesNotContain("127.0.0.1")
                .doesNotContain("it_api_token");
        assertThat(operator.get("ingestionJobs").toString())
                .doesNotContain("hidden-path")
                .doesNotContain("it_api_token");
    }

    @Test
    void noTokenNorSecretValueReachesTheServerLogOrTheAuditTrail() throws Exception {
        String secret = System.getProperty("lakehouse.it.api.token");
        assertThat(secret).isNotBlank();
        // An API that refuses the token it got and echoes it back, as careless APIs do.
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = ("{\"error\":\"token rejected: "
                            + exchange.getRequestHeaders().getFirst("Authorization") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        String valid = ItTokens.token("admin");
        String tampered;
        try {
            String assetId =
                    runs.createAsset("secrets", "echo_" + suffix(), List.of(IngestionRuns.column("v", "string", true)));
            String jobId = runs.createJob(Map.of(
                            "name",
                            "echo",
                            "targetAssetId",
                            assetId,
                            "maxErrors",
                            0,
                            "httpApi",
                            Map.of(
                                    "url",
                                    "http://127.0.0.1:" + api.getAddress().getPort() + "/data",
                                    "maxRetries",
                                    0,
                                    "auth",
                                    Map.of("kind", "BEARER", "secretAlias", "it_api_token"))))
                    .get("id")
                    .asText();
            JsonNode run = runs.awaitEnd(runs.start(jobId));
            assertThat(run.get("batchStatus").asText()).isEqualTo("FAILED");
            assertThat(run.toString()).doesNotContain(secret);

            assertThat(graphql.post("{ assets(first: 1) { nodes { id } } }", Map.of(), valid, null)
                            .statusCode())
                    .isEqualTo(200);
            String[] parts = ItTokens.token("viewer").split("\\.");
            tampered = parts[0] + "." + parts[1] + "x." + parts[2];
            assertThat(graphql.post("{ assets(first: 1) { nodes { id } } }", Map.of(), tampered, null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(graphql.post(
                                    "mutation { deleteAsset(id: \"" + UUID.randomUUID() + "\") }",
                                    Map.of(),
                                    ItTokens.token("viewer"),
                                    null)
                            .body())
                    .contains("forbidden");
        } finally {
            api.stop(0);
        }

        String log = ItServer.allLogs();
        String trail = auditTrail();
        for (String value : List.of(secret, signature(valid), signature(tampered))) {
            assertThat(log).as("server logs").doesNotContain(value);
            assertThat(trail).as("audit trail").doesNotContain(value);
        }
        assertThat(trail).as("the audit trail is not empty").isNotBlank();
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String auditTrail() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection db = ItDatabase.connect();
                Statement select = db.createStatement();
                ResultSet rows = select.executeQuery("SELECT a::text FROM lakehouse.audit_logs a")) {
            while (rows.next()) {
                all.append(rows.getString(1)).append('\n');
            }
        }
        return all.toString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
