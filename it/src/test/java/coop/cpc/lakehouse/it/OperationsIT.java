package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operators rely on: the migrated catalog, health, and the API's limits. */
class OperationsIT extends DeployedEarFixture {
    @Test
    void deploymentMigratesTheCatalogWithFlyway() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection db = ItDatabase.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'lakehouse' ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables)
                .contains(
                        "data_assets",
                        "asset_snapshots",
                        "ingestion_jobs",
                        "webm_columnar",
                        "data_lineage",
                        "audit_logs",
                        "flyway_schema_history");
    }

    @Test
    void batchJobHistoryIsKeptInTheCatalogDatabase() throws Exception {
        // The deployment starts the orphan-segment-cleanup job; the server's JDBC job repository records it:
        // JBeret's job_execution on WildFly, Liberty's jobexecution (batch status as its ordinal: 5, COMPLETED).
        String newest = ItServer.onLiberty()
                ? "SELECT CASE e.batchstatus WHEN 5 THEN 'COMPLETED' ELSE e.batchstatus::text END, s.exitstatus"
                        + " FROM public.jobexecution e JOIN public.jobinstance i ON i.jobinstanceid = e.fk_jobinstanceid"
                        + " JOIN public.stepthreadexecution s ON s.fk_jobexecid = e.jobexecid"
                        + " WHERE i.jobname = 'orphan-segment-cleanup' ORDER BY e.jobexecid DESC LIMIT 1"
                : "SELECT e.batchstatus, s.exitstatus FROM public.job_execution e "
                        + "JOIN public.job_instance i ON i.jobinstanceid = e.jobinstanceid "
                        + "JOIN public.step_execution s ON s.jobexecutionid = e.jobexecutionid "
                        + "WHERE i.jobname = 'orphan-segment-cleanup' ORDER BY e.jobexecutionid DESC LIMIT 1";
        String status = null;
        for (int i = 0; i < 120 && !"COMPLETED".equals(status); i++) {
            try (Connection db = ItDatabase.connect();
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery(newest)) {
                status = rows.next() ? rows.getString(1) : null;
                if ("COMPLETED".equals(status)) {
                    assertThat(rows.getString(2)).startsWith("REMOVED ");
                }
            } catch (java.sql.SQLException notYetCreated) {
                status = null;
            }
            if (!"COMPLETED".equals(status)) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo("COMPLETED");
    }

    @Test
    void readinessReportsTheCatalog() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ItServer.health("/ready")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        JsonNode health = GraphQlClient.JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode catalog = null;
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("catalog")) {
                catalog = check;
            }
        }
        assertThat(catalog).as("catalog check in %s", health).isNotNull();
        assertThat(catalog.get("status").asText()).isEqualTo("UP");
        assertThat(catalog.get("data").get("schemaVersion").asText()).isNotEqualTo("none");
    }

    @Test
    void servesServerMetricsForScrapers() throws Exception {
        // WildFly: the management port, without credentials; Liberty: HTTPS and the metrics user (ObservabilityIT).
        String metrics = ObservabilityIT.scrape();

        // The used heap under each server's name: Micrometer's on WildFly (configure-application-metrics.cli),
        // MicroProfile Metrics' base metric on Liberty.
        assertThat(metrics).contains(ItServer.onLiberty() ? "memory_usedHeap_bytes" : "memory_used_heap_bytes");
    }

    @Test
    void refusesQueriesDeeperThanTheLimit() throws Exception {
        // Depth 16: one ofType more than GraphiQL's introspection query, the most an introspection may nest.
        String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(11) + "name" + " }".repeat(11)
                + " } } } } }";

        JsonNode response = graphql.execute(deep);

        assertThat(response.has("errors")).isTrue();
        assertThat(response.get("errors").toString()).contains("the query's depth is 16, over the limit of 15");
        assertThat(response.path("data").path("__schema").isMissingNode()
                        || response.get("data").isNull())
                .isTrue();
        assertThat(graphql.execute("{ assets(first: 1) { nodes { id } } " + deep.substring(1))
                        .toString())
                .contains("the query's depth is 16, over the limit of 10");
    }

    @Test
    void graphiqlGetsTheSchemaWithItsOwnIntrospectionQuery() throws Exception {
        // The query the console's GraphiQL sends (graphql-js getIntrospectionQuery, depth 15), from the bundle
        // the server serves it, rendered with GraphiQL's options (descriptions, nothing else).
        HttpResponse<String> bundle = get("/lakehouse/graphql-ui/graphiql.min.js", HttpRequest.newBuilder());
        assertThat(bundle.statusCode()).isEqualTo(200);
        int start = bundle.body().indexOf("return `", bundle.body().indexOf("function getIntrospectionQuery("));
        String introspection = bundle.body()
                .substring(start + "return `".length(), bundle.body().indexOf("`;", start))
                .replace("${descriptions}", "description")
                .replaceAll("\\$\\{[^}]*\\}", "");

        JsonNode schema = graphql.as("viewer").data(introspection).path("__schema");

        assertThat(schema.path("queryType").path("name").asText()).isEqualTo("Query");
        assertThat(schema.path("types").findValuesAsText("name")).contains("Asset");
    }

    @Test
    void servesTheSchemaWithDescriptions() throws Exception {
        HttpResponse<String> response = get(
                "/lakehouse/graphql/schema.graphql",
                HttpRequest.newBuilder().header("Authorization", "Bearer " + ItTokens.token("viewer")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("createAsset(input: AssetInput!): Asset!")
                .contains("ingestionJobs(")
                .contains("A data asset of the catalog");
    }

    /** A GET of {@code path} on the server's HTTP port, with what {@code request} already holds (headers). */
    private static HttpResponse<String> get(String path, HttpRequest.Builder request) throws Exception {
        URI uri = URI.create("http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + path);
        return HttpClient.newHttpClient().send(request.uri(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
