package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.launcher.EmbeddedCatalogDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Job creation refuses, as invalid-input naming the field, a secret alias sent where its binding
 * does not allow, a credential in an HTTP URL, and the catalog's own database as a PostgreSQL
 * source even though localhost is in postgres_source_allow_list (arquillian.xml). Nothing is sent
 * anywhere: each refusal happens before a job exists.
 */
class SourceGuardsIT extends DeployedEarFixture {
    private static final List<Map<String, Object>> COLUMNS = List.of(column("id", "int64", false));

    @Test
    void aSecretAliasSentToAUrlItIsNotBoundToIsInvalidInput() throws Exception {
        String assetId = runs.createAsset("guardit", "http_bound", COLUMNS);

        // it_api_token is bound to 127.0.0.1 only (lakehouse.secrets.it_api_token.allowed).
        assertThat(runs.refusedJob(
                        "guard_unbound_url",
                        assetId,
                        "httpApi",
                        bearerApi("https://api.example.org/v1/data", "it_api_token")))
                .startsWith("httpApi.auth.secretAlias")
                .contains("'it_api_token' is not bound to https://api.example.org/v1/data");
        assertThat(runs.refusedJob(
                        "guard_no_binding",
                        assetId,
                        "httpApi",
                        bearerApi("http://127.0.0.1:9/data", "it_unbound_token")))
                .contains("'it_unbound_token' has no binding");
        assertThat(runs.refusedJob(
                        "guard_query_token",
                        assetId,
                        "httpApi",
                        Map.of("url", "http://127.0.0.1:9/data?page=1&access_token=it-secret-in-url")))
                .startsWith("httpApi.url")
                .contains("'access_token'")
                .doesNotContain("it-secret-in-url");
        JsonNode jobs = graphql.data("{ ingestionJobs(first: 100) { nodes { name sourceConfig } } }", Map.of());
        assertThat(jobs.toString()).doesNotContain("guard_").doesNotContain("it-secret-in-url");
    }

    private static Map<String, Object> bearerApi(String url, String secretAlias) {
        return Map.of("url", url, "auth", Map.of("kind", "BEARER", "secretAlias", secretAlias));
    }

    @Test
    void aPostgresJobOnTheCatalogsOwnDatabaseIsInvalidInputThoughLocalhostIsAllowListed() throws Exception {
        String assetId = runs.createAsset("guardit", "catalog_copy", COLUMNS);

        for (String host : List.of("localhost", "127.0.0.1")) {
            String url = "jdbc:postgresql://" + host + ":" + ItDatabase.port() + "/" + EmbeddedCatalogDatabase.DATABASE;
            assertThat(runs.refusedJob(
                            "guard_catalog_" + host.replace('.', '_'),
                            assetId,
                            "postgresTable",
                            Map.of("url", url, "user", "postgres", "table", "public.job_instance")))
                    .startsWith("postgresTable.url")
                    .contains("lakehouse catalog's own database");
        }
        assertThat(runs.refusedJob(
                        "guard_authid",
                        assetId,
                        "postgresTable",
                        Map.of("url", ItDatabase.url("postgres"), "user", "postgres", "table", "pg_catalog.pg_authid")))
                .startsWith("postgresTable.table");
        assertThat(runs.refusedJob(
                        "guard_options",
                        assetId,
                        "postgresTable",
                        Map.of(
                                "url",
                                ItDatabase.url("postgres") + "?options=-c%20search_path%3Dlakehouse",
                                "user",
                                "postgres",
                                "table",
                                "public.t")))
                .startsWith("postgresTable.url")
                .contains("'options' is not allowed");
    }
}
