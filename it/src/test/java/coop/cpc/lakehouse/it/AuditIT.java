package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every read and change through the API lands in the hash-chained, anonymized audit trail. */
@ExtendWith({ItDatabase.class, ArquillianExtension.class})
@RunAsClient
class AuditIT {
    private final GraphQlClient graphql = new GraphQlClient();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.lakehouseEar();
    }

    @Test
    void aChangeIsRecordedWithPseudonymNetworkAndNoValues() throws Exception {
        String id = graphql.execute("mutation { createAsset(input: {namespace: \"audit\", name: \"secret_project\", "
                + "description: \"Patient cohort X\"}) { id } }", Map.of(), "ADMIN").get("data").get("createAsset").get("id").asText();

        List<Map<String, String>> entries = entries(id);
        assertThat(entries).hasSize(1);
        Map<String, String> entry = entries.get(0);
        assertThat(entry).containsEntry("action", "WRITE").containsEntry("resource_type", "asset")
                .containsEntry("outcome", "SUCCESS").containsEntry("purpose", "ADMIN")
                .containsEntry("source_ip", "127.0.0.0");
        assertThat(entry.get("actor_pseudonym")).hasSize(32).isNotEqualTo("anonymous");
        assertThat(entry.get("details")).contains("DefaultAssetService.create")
                .doesNotContain("secret_project").doesNotContain("Patient cohort");
    }

    @Test
    void readsFailuresAndResearchAccessAreRecordedAnonymizedByPurpose() throws Exception {
        String id = graphql.data("mutation { createAsset(input: {namespace: \"audit\", name: \"read_me\"}) { id } }").get("createAsset").get("id").asText();
        graphql.execute("query($id: ID) { asset(id: $id) { name } }", Map.of("id", id), "RESEARCH");
        String unknown = UUID.randomUUID().toString();
        graphql.execute("query($id: ID) { asset(id: $id) { name } }", Map.of("id", unknown), null);

        Map<String, String> research = entries(id).get(1);
        assertThat(research).containsEntry("action", "READ").containsEntry("purpose", "RESEARCH");
        assertThat(research.get("actor_pseudonym")).isNull();
        assertThat(research.get("source_ip")).isNull();
        Map<String, String> failed = entries(unknown).get(0);
        assertThat(failed).containsEntry("outcome", "ERROR").containsEntry("purpose", "USER_VIEW");
        assertThat(GraphQlClient.JSON.readTree(failed.get("details")).get("error").asText()).isEqualTo("unknown-asset");
    }

    @Test
    void anUnknownPurposeIsRefused() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + "/lakehouse/graphql"))
                .header("Content-Type", "application/json").header("X-Lakehouse-Purpose", "CURIOSITY")
                .header("Authorization", "Bearer " + ItTokens.token("admin"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"{ assets { nodes { id } } }\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void theChainVerifiesAndATamperedEntryIsFound() throws Exception {
        String id = graphql.data("mutation { createAsset(input: {namespace: \"audit\", name: \"chained\"}) { id } }").get("createAsset").get("id").asText();
        JsonNode intact = graphql.data("{ auditChain { intact entriesChecked firstBrokenEntryId } }").get("auditChain");
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("entriesChecked").asLong()).isGreaterThan(1);

        String entryId;
        String details;
        try (Connection db = ItDatabase.connect();
                PreparedStatement find = db.prepareStatement("SELECT id::text, details::text FROM lakehouse.audit_logs WHERE resource_id = ?")) {
            find.setString(1, id);
            try (ResultSet row = find.executeQuery()) {
                row.next();
                entryId = row.getString(1);
                details = row.getString(2);
            }
        }
        setDetails(entryId, "{\"operation\": \"nothing to see\"}");
        try {
            JsonNode broken = graphql.data("{ auditChain { intact firstBrokenEntryId } }").get("auditChain");
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asText()).isEqualTo(entryId);
        } finally {
            setDetails(entryId, details);
        }
    }

    private static void setDetails(String entryId, String details) throws Exception {
        try (Connection db = ItDatabase.connect();
                PreparedStatement update = db.prepareStatement("UPDATE lakehouse.audit_logs SET details = ?::jsonb WHERE id = ?::uuid")) {
            update.setString(1, details);
            update.setString(2, entryId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<Map<String, String>> entries(String resourceId) throws Exception {
        List<Map<String, String>> entries = new ArrayList<>();
        try (Connection db = ItDatabase.connect();
                PreparedStatement select = db.prepareStatement("SELECT action, resource_type, outcome, purpose, source_ip, "
                        + "actor_pseudonym, details::text FROM lakehouse.audit_logs WHERE resource_id = ? ORDER BY occurred_at")) {
            select.setString(1, resourceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, String> entry = new java.util.HashMap<>();
                    for (String column : List.of("action", "resource_type", "outcome", "purpose", "source_ip", "actor_pseudonym")) {
                        entry.put(column, rows.getString(column));
                    }
                    entry.put("details", rows.getString(7));
                    entries.add(entry);
                }
            }
        }
        return entries;
    }
}
