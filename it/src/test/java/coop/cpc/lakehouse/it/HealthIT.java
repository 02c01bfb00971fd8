package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health of the deployed EAR on either server: WildFly answers on its management port,
 * Open Liberty on its HTTP port ({@code lakehouse.it.health.url}, it/pom.xml profile liberty-it).
 */
class HealthIT extends DeployedEarFixture {
    @Test
    void readinessReportsTheMigratedCatalogAndAWritableStorageFolder() throws Exception {
        HttpResponse<String> answer = readiness();

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(answer.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        Map<String, JsonNode> checks = new HashMap<>();
        health.get("checks").forEach(check -> checks.put(check.get("name").asText(), check));
        assertThat(checks).containsKeys("catalog", "storage");
        assertThat(checks.get("catalog").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("catalog").get("data").get("schemaVersion").asText())
                .isNotEqualTo("none");
        assertThat(checks.get("storage").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("storage-owner").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("storage-owner")
                        .get("data")
                        .get("webm_storage_path")
                        .asText())
                .as("the catalog claimed its new folder at start-up")
                .startsWith("webm_storage_path is the segment folder of this catalog (");
    }

    @Test
    void aCatalogClaimedByTheOtherServerKindRefusesJobOperationsClearlyAndReadinessSaysSo() throws Exception {
        boolean liberty = "liberty".equals(System.getProperty("arquillian.launch"));
        String self = liberty ? "Open Liberty" : "WildFly";
        String other = liberty ? "WildFly" : "Open Liberty";
        String refusal = "this catalog's ingestion runs belong to the " + other + " job repository; " + self
                + " keeps its own — use a separate catalog, see docs/deployment.md";
        String previous = null;
        try (Connection catalog = ItDatabase.connect();
                Statement sql = catalog.createStatement()) {
            try (ResultSet owner = sql.executeQuery("SELECT server_kind FROM lakehouse.job_repository_owner")) {
                previous = owner.next() ? owner.getString(1) : null;
            }
            sql.execute("DELETE FROM lakehouse.job_repository_owner");
            sql.execute("INSERT INTO lakehouse.job_repository_owner (server_kind) VALUES ('"
                    + (liberty ? "WILDFLY" : "OPEN_LIBERTY") + "')");
            try {
                HttpResponse<String> answer = readiness();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode check = null;
                for (JsonNode c : new ObjectMapper().readTree(answer.body()).get("checks")) {
                    if (c.get("name").asText().equals("job-repository")) {
                        check = c;
                    }
                }
                assertThat(check).as(answer.body()).isNotNull();
                assertThat(check.get("status").asText()).isEqualTo("UP");
                assertThat(check.get("data").get("ingestionRuns").asText()).isEqualTo("jobs refused: " + refusal);

                JsonNode executions = new GraphQlClient().execute("{ executions(first: 5) { nodes { executionId } } }");
                assertThat(GraphQlClient.errorCode(executions))
                        .as(executions.toString())
                        .isEqualTo("foreign-job-repository");
                assertThat(executions.get("errors").get(0).get("message").asText())
                        .isEqualTo(refusal);
            } finally {
                sql.execute("DELETE FROM lakehouse.job_repository_owner");
                if (previous != null) {
                    sql.execute("INSERT INTO lakehouse.job_repository_owner (server_kind) VALUES ('" + previous + "')");
                }
            }
        }
    }

    @Test
    void theConsoleAndTheApiForbidFramingAndContentSniffingEvenWhenTheyRefuse() throws Exception {
        String base = "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + "/lakehouse";
        for (String path : List.of("/console/index.html", "/console/graphiql.html", "/graphql")) {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // The console's pages answer 200; /graphql without a token is refused (401) through the error page.
            assertThat(answer.statusCode()).as(path).isIn(200, 401);
            assertSecurityHeaders(answer, path);
            // The console's pages load nothing but the application's own scripts and styles (ConsolePolicy;
            // GraphiQL's dialogs add <style> elements of their own).
            String styleElements = path.endsWith("graphiql.html") ? "style-src-elem 'self' 'unsafe-inline'; " : "";
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(
                            path.startsWith("/console/")
                                    ? "default-src 'self'; script-src 'self'; style-src 'self'; " + styleElements
                                            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                                            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
                                    : "frame-ancestors 'none'");
        }
    }

    @Test
    void errorsAnswerTheirStatusAndReasonOnlyWithTheSecurityHeadersAndNeverHang() throws Exception {
        boolean liberty = "liberty".equals(System.getProperty("arquillian.launch"));
        String base = "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180");
        // Java's HttpClient asks for an HTTP/2 upgrade on GET and DELETE ("Upgrade: h2c"): on Liberty an error page
        // forwarded on such a request hung for good, so every request has a short timeout and is sent both ways.
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder()
                    .version(version)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String as = version + " ";
            assertPlainError(
                    send(client, "GET", base + "/lakehouse/console/no-such-file.js"), 404, "404 Not Found", as);
            assertPlainError(send(client, "GET", base + "/lakehouse/no-such-page"), 404, "404 Not Found", as);
            assertPlainError(
                    send(client, "DELETE", base + "/lakehouse/console/settings.json"),
                    405,
                    "405 Method Not Allowed",
                    as);

            // The console's files are read-only on both servers (Liberty's file servlet answered any method with
            // the file): another method is refused and told which ones the file takes.
            for (String method : List.of("DELETE", "PUT", "POST")) {
                HttpResponse<String> write = send(client, method, base + "/lakehouse/console/index.html");
                assertPlainError(write, 405, "405 Method Not Allowed", as);
                assertThat(write.headers().firstValue("Allow"))
                        .as(as + method + " " + write.uri())
                        .hasValue("GET, HEAD, OPTIONS");
            }

            HttpResponse<String> webInf = send(client, "GET", base + "/lakehouse/WEB-INF/web.xml");
            if (liberty) {
                assertPlainError(webInf, 404, "404 Not Found", as);
            } else {
                // Undertow refuses WEB-INF before the application runs: its own page, with the security headers
                // of the host's response-header filters (configure-servlet-errors.cli).
                assertThat(webInf.statusCode()).as(as + webInf.uri()).isEqualTo(404);
                assertThat(webInf.body()).as(as + webInf.uri()).contains("Not Found");
                assertNamesNoInternals(webInf, as);
                assertSecurityHeaders(webInf, as + webInf.uri());
            }
            // No welcome or branded pages outside the application (Liberty: httpDispatcher in server.xml; WildFly:
            // configure-servlet-errors.cli removes the welcome content), with the security headers too (Liberty:
            // the httpEndpoint's headers).
            for (String path : List.of("/", "/no-such-application/")) {
                HttpResponse<String> outside = send(client, "GET", base + path);
                assertThat(outside.statusCode()).as(as + path).isEqualTo(404);
                assertThat(outside.body()).as(as + path).contains("Not Found");
                assertNamesNoInternals(outside, as);
                assertSecurityHeaders(outside, as + path);
            }
            assertThat(send(client, "GET", base + "/lakehouse/console/index.html")
                            .statusCode())
                    .as(as + "the server still answers after the errors")
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPlainError(HttpResponse<String> answer, int status, String body, String as) {
        String what = as + answer.request().method() + " " + answer.uri();
        assertThat(answer.statusCode()).as(what).isEqualTo(status);
        assertThat(answer.body()).as(what).isEqualTo(body);
        assertThat(answer.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertSecurityHeaders(answer, what);
    }

    /** The headers that forbid framing and content sniffing and send no referrer (one policy, ending so). */
    private static void assertSecurityHeaders(HttpResponse<String> answer, String what) {
        assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(answer.headers().allValues("Content-Security-Policy"))
                .as(what)
                .singleElement()
                .asString()
                .endsWith("frame-ancestors 'none'");
        assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                .as(what)
                .hasValue("nosniff");
        assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
    }

    private static void assertNamesNoInternals(HttpResponse<String> answer, String as) {
        assertThat(answer.body())
                .as(as + answer.uri())
                .doesNotContain("Exception", "SRVE", "Liberty", "WebSphere", "WildFly", "Undertow");
    }

    /** GET of the readiness checks. */
    static HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(healthUrl() + "/ready"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String healthUrl() {
        return System.getProperty(
                "lakehouse.it.health.url",
                "http://localhost:" + System.getProperty("lakehouse.it.management.port", "10090") + "/health");
    }
}
