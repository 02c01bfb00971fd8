package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every read and change through the API lands in the hash-chained, anonymized audit trail. */
class AuditIT extends DeployedEarFixture {
    @Test
    void aChangeIsRecordedWithPseudonymNetworkRolesAndNoValues() throws Exception {
        String id = graphql.data("mutation { createAsset(input: {namespace: \"audit\", name: \"secret_project\", "
                        + "description: \"Patient cohort X\"}) { id } }")
                .get("createAsset")
                .get("id")
                .asText();

        List<Map<String, String>> entries = entries(id);
        assertThat(entries).hasSize(1);
        Map<String, String> entry = entries.get(0);
        assertThat(entry)
                .containsEntry("action", "WRITE")
                .containsEntry("resource_type", "asset")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("purpose", "USER_VIEW")
                .containsEntry("source_ip", "127.0.0.0")
                .containsEntry("actor_role", "admin");
        assertThat(entry.get("actor_pseudonym")).hasSize(32).isNotEqualTo("anonymous");
        assertThat(entry.get("details"))
                .contains("DefaultAssetService.create")
                .doesNotContain("secret_project")
                .doesNotContain("Patient cohort");
    }

    @Test
    void aPurposeTheCallerMayNotUseIsRefusedAndTheRefusalNamesTheCaller() throws Exception {
        String id = createAsset("read_me");
        // An admin may read the asset, but not "for research": that purpose is the researchers'.
        JsonNode research =
                graphql.as("admin").execute("query($id: ID) { asset(id: $id) { name } }", Map.of("id", id), "RESEARCH");
        String unknown = UUID.randomUUID().toString();
        graphql.execute("query($id: ID) { asset(id: $id) { name } }", Map.of("id", unknown), null);

        assertThat(errorCode(research)).isEqualTo("forbidden");
        Map<String, String> refused = entries(id).get(1);
        assertThat(refused)
                .containsEntry("action", "READ")
                .containsEntry("purpose", "RESEARCH")
                .containsEntry("outcome", "DENIED");
        assertThat(refused.get("actor_pseudonym")).hasSize(32);
        assertThat(refused.get("source_ip")).isEqualTo("127.0.0.0");
        Map<String, String> failed = entries(unknown).get(0);
        assertThat(failed).containsEntry("outcome", "ERROR").containsEntry("purpose", "USER_VIEW");
        assertThat(GraphQlClient.JSON
                        .readTree(failed.get("details"))
                        .get("error")
                        .asText())
                .isEqualTo("unknown-asset");
    }

    @Test
    void machineLearningPurposeNoLongerErasesTheCallerFromADelete() throws Exception {
        String id = createAsset("keep_me");

        // An admin may delete, but not "for machine learning": the purpose is refused, not obeyed.
        JsonNode delete = graphql.as("admin")
                .execute("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", id), "MACHINE_LEARNING");

        assertThat(errorCode(delete)).isEqualTo("forbidden");
        Map<String, String> entry = entries(id).get(1);
        assertThat(entry)
                .containsEntry("action", "DELETE")
                .containsEntry("outcome", "DENIED")
                .containsEntry("purpose", "MACHINE_LEARNING")
                .containsEntry("source_ip", "127.0.0.0");
        assertThat(entry.get("actor_pseudonym"))
                .isEqualTo(entries(id).get(0).get("actor_pseudonym"))
                .hasSize(32);
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { name } }", Map.of("id", id))
                        .get("asset")
                        .get("name")
                        .asText())
                .isEqualTo("keep_me");
    }

    @Test
    void concurrentUpdatesWithOneExpectedVersionLeaveExactlyOneSuccessEntry() throws Exception {
        String id = createAsset("contended");
        String update =
                "mutation($id: ID!, $input: AssetUpdateInput!) { updateAsset(id: $id, input: $input) { version } }";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String description = "writer " + i;
                calls.add(pool.submit(() -> {
                    start.await();
                    return new GraphQlClient()
                            .execute(
                                    update,
                                    Map.of(
                                            "id",
                                            id,
                                            "input",
                                            Map.of("description", description, "expectedVersion", 0)));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<JsonNode> call : calls) {
                if (!call.get(120, TimeUnit.SECONDS).has("errors")) {
                    won++;
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        List<Map<String, String>> updates = entries(id).stream()
                .filter(e -> e.get("details").contains("DefaultAssetService.update"))
                .toList();
        assertThat(updates).hasSize(20);
        assertThat(updates).filteredOn(e -> "SUCCESS".equals(e.get("outcome"))).hasSize(1);
        assertThat(updates).allSatisfy(e -> assertThat(e.get("outcome")).isIn("SUCCESS", "ERROR", "FAILED"));
    }

    /**
     * A read of rows says how many rows of which columns it returned, never a value; a stop of a run the gate refused
     * is a MANAGE naming the run, as the stop's own entry would be (session 19).
     */
    @Test
    void aRowsReadCountsItsRowsAndColumnsAndARefusedStopIsAManageNamingTheRun() throws Exception {
        String id = createAsset("counted_" + UUID.randomUUID().toString().substring(0, 8));
        graphql.data(
                "mutation($id: ID!) { appendRows(assetId: $id, columns: [{name: \"diagnosis\", type: \"string\"}], "
                        + "rows: [{values: [\"rare-disease-x\"]}, {values: [\"rare-disease-y\"]}]) { snapshotId } }",
                Map.of("id", id));

        graphql.data("query($id: ID) { asset(id: $id) { rows(first: 10) { rows { values } } } }", Map.of("id", id));

        Map<String, String> read = latest("DefaultTableService.rows");
        assertThat(read.get("details"))
                .contains("\"resultCount\": 2")
                .contains("\"columns\": [\"diagnosis\"]")
                .contains("snapshotId")
                .doesNotContain("rare-disease");

        JsonNode refused =
                graphql.as("viewer").execute("mutation { stopJobExecution(executionId: \"987654\") { batchStatus } }");
        assertThat(errorCode(refused)).isEqualTo("forbidden");
        List<Map<String, String>> stop =
                rows("SELECT action, outcome, resource_type, resource_id FROM lakehouse.audit_logs"
                        + " WHERE details->>'operation' = 'IngestionJobApi.stopJobExecution'"
                        + " ORDER BY occurred_at DESC LIMIT 1");
        assertThat(stop).hasSize(1);
        assertThat(stop.get(0))
                .containsEntry("action", "MANAGE")
                .containsEntry("resource_type", "job_execution")
                .containsEntry("outcome", "DENIED")
                .containsEntry("resource_id", "987654");
    }

    @Test
    void aRefusalInTheWebLayerIsAudited() throws Exception {
        JsonNode bad = graphql.execute("query { asset(id: \"not-an-id\") { name } }");

        assertThat(errorCode(bad)).isEqualTo("invalid-input");
        Map<String, String> entry = latest("AssetApi.asset");
        // Under the resource type the asset read's own entries have (before: "api").
        assertThat(entry).containsEntry("outcome", "ERROR").containsEntry("resource_type", "asset");
        assertThat(entry.get("details")).contains("invalid-input").doesNotContain("not-an-id");
        // What the caller typed as the id is no id: it is not kept (before: resource_id "not-an-id").
        assertThat(entry).containsEntry("resource_id", null);
    }

    @Test
    // Refusals still pending from this address can add to the count, so this proves the refusals reach the
    // trail as DENIED with a count; that they merge per address and interval is AuthenticationErrorServletTest's.
    void requestsWithoutAValidTokenReachTheTrailAsDeniedWithTheirCount() throws Exception {
        long before = refusedTokens();

        assertThat(graphql.post("{ assets { nodes { id } } }", Map.of(), null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(graphql.post("{ assets { nodes { id } } }", Map.of(), "not.a.token", null)
                        .statusCode())
                .isEqualTo(401);

        // The first refusal of an address in an interval (60 s) is written at once, the others as one entry
        // with their count once the interval has ended (the server writes it within 10 s more).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (refusedTokens() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(refusedTokens()).isGreaterThanOrEqualTo(before + 2);
        Map<String, String> entry = latest("authentication");
        assertThat(entry).containsEntry("outcome", "DENIED");
        assertThat(entry.get("details"))
                .contains("unauthenticated", "\"count\"")
                .doesNotContain("not.a.token");
    }

    /** The refused tokens the trail counts: each entry's {@code count}. */
    private static long refusedTokens() throws Exception {
        return Long.parseLong(rows(
                        "SELECT coalesce(sum((details->>'count')::bigint), 0) AS n FROM lakehouse.audit_logs"
                                + " WHERE details->>'operation' = ?",
                        "authentication")
                .get(0)
                .get("n"));
    }

    @Test
    void queriesRefusedBeforeAnyApiMethodRunsAreAudited() throws Exception {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 301; i++) {
            fields.append(" f").append(i).append(": id");
        }
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{ assets { nodes { id }", "invalid-query");
        refusals.put("{ assets { nodes { no_such_field } } }", "invalid-query");
        refusals.put("{ assets { nodes {" + fields + " } } }", "limit-exceeded");
        // 5,001 tokens: refused before the engine parses it, so the assets query never runs.
        refusals.put("{ assets(tags: [" + "\"a\", ".repeat(4985) + "]) { nodes { id } } }", "limit-exceeded");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            long before = count("graphql");
            long reads = assetReads();

            JsonNode response = graphql.execute(refusal.getKey());

            assertThat(errorCode(response)).isEqualTo("invalid-input");
            assertThat(response.path("data").isNull() || response.path("data").isMissingNode())
                    .isTrue();
            assertThat(assetReads()).as("asset reads").isEqualTo(reads);

            assertThat(count("graphql")).as(refusal.getValue()).isEqualTo(before + 1);
            Map<String, String> entry = latest("graphql");
            assertThat(entry).containsEntry("outcome", "ERROR");
            assertThat(entry.get("details")).contains(refusal.getValue()).doesNotContain("no_such_field");
        }
    }

    @Test
    void theAuditLogAndItsExportAreRefusedToACallerWithoutTheAuditorRoleAndTheRefusalsAreAudited() throws Exception {
        JsonNode log = graphql.execute("{ auditLog(first: 5) { nodes { id } } }");
        assertThat(errorCode(log)).isEqualTo("forbidden");
        assertThat(latest("AuditLogApi.auditLog")).containsEntry("outcome", "DENIED");

        var export = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(base() + "/audit/export.ndjson?from=2020-01-01T00:00:00Z"))
                                .header("Authorization", "Bearer " + ItTokens.token("admin"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(export.body()).contains("forbidden").doesNotContain("Exception");
        // A refused read of the trail, beside the exports' own entries (before: resource type "api").
        assertThat(latest("/audit/export.ndjson"))
                .containsEntry("outcome", "DENIED")
                .containsEntry("resource_type", "audit_log");
    }

    /**
     * One role must allow both the operation and the purpose: an auditor who is also a researcher may not read
     * the trail "for research" (which would keep neither pseudonym nor network), neither by GraphQL nor by export.
     */
    @Test
    void anAuditorWhoIsAlsoAResearcherMayNotExportTheTrailForResearchAndTheRefusalNamesTheCaller() throws Exception {
        String token = ItTokens.token("auditor", "researcher");
        JsonNode log = GraphQlClient.JSON.readTree(
                graphql.post("{ auditLog(first: 5) { nodes { id } } }", Map.of(), token, "RESEARCH")
                        .body());
        assertThat(errorCode(log)).isEqualTo("forbidden");
        assertThat(latest("AuditLogApi.auditLog").get("actor_pseudonym")).hasSize(32);

        var export = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(base() + "/audit/export.ndjson?from=2020-01-01T00:00:00Z"))
                                .header("Authorization", "Bearer " + token)
                                .header("X-Lakehouse-Purpose", "RESEARCH")
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(export.body()).contains("forbidden").doesNotContain("\"hash\"");
        Map<String, String> refused = latest("/audit/export.ndjson");
        assertThat(refused).containsEntry("outcome", "DENIED");
        assertThat(refused.get("actor_pseudonym")).hasSize(32);
    }

    @Test
    void deletingTheOldestEntriesWithoutAPurgeBreaksTheChainAndAnAnchorAccountsForThem() throws Exception {
        createAsset("anchored");
        List<Map<String, String>> oldest = rows(
                "SELECT id::text AS id, hash, occurred_at FROM lakehouse.audit_logs ORDER BY occurred_at, id LIMIT 3");
        assertThat(oldest).hasSize(3);
        Map<String, String> lastRemoved = oldest.get(1);
        String survivor = oldest.get(2).get("id");
        assertThat(update(
                        "DELETE FROM lakehouse.audit_logs WHERE id IN (?::uuid, ?::uuid)",
                        oldest.get(0).get("id"),
                        lastRemoved.get("id")))
                .isEqualTo(2);

        JsonNode broken =
                graphql.data("{ auditChain { intact firstBrokenEntryId } }").get("auditChain");
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenEntryId").asText()).isEqualTo(survivor);

        // What a purge records with its deletion (JpaAuditLogRepository.purgeOccurredBefore).
        update(
                "INSERT INTO lakehouse.audit_anchor (purged_before, entries_purged, last_entry_id, last_entry_at,"
                        + " last_entry_hash) VALUES (?::timestamptz, 2, ?::uuid, ?::timestamptz, ?)",
                lastRemoved.get("occurred_at"),
                lastRemoved.get("id"),
                lastRemoved.get("occurred_at"),
                lastRemoved.get("hash"));
        assertThat(graphql.data("{ auditChain { intact } }")
                        .get("auditChain")
                        .get("intact")
                        .asBoolean())
                .isTrue();
        // The forged anchor is not in any purge entry's anchor range: docs/security.md's query lists it.
        String forged = rows(
                        "SELECT id::text AS id FROM lakehouse.audit_anchor WHERE last_entry_hash = ?",
                        lastRemoved.get("hash"))
                .get(0)
                .get("id");
        assertThat(rows(FORGED_ANCHORS)).extracting(row -> row.get("id")).contains(forged);
    }

    /** The query docs/security.md gives for anchors no purge wrote (its text, with the retention's 30 days). */
    private static final String FORGED_ANCHORS = "SELECT a.id::text AS id FROM lakehouse.audit_anchor a"
            + " WHERE a.entries_purged > 0 AND a.purged_at > now() - interval '30 days'"
            + " AND a.id >= COALESCE((SELECT min((f.details->>'firstAnchorId')::bigint) FROM lakehouse.audit_logs f"
            + " WHERE f.action = 'DELETE' AND f.resource_type = 'audit_log'), 0) AND NOT EXISTS (SELECT 1 FROM"
            + " lakehouse.audit_logs e WHERE e.action = 'DELETE' AND e.resource_type = 'audit_log' AND a.id BETWEEN"
            + " (e.details->>'firstAnchorId')::bigint AND (e.details->>'lastAnchorId')::bigint)";

    @Test
    void anUnknownPurposeIsRefused() throws Exception {
        var response = graphql.postBody(
                "application/json",
                "{\"query\":\"{ assets { nodes { id } } }\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ItTokens.token("admin"),
                "CURIOSITY");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(latest("/graphql")).containsEntry("outcome", "ERROR");
    }

    @Test
    void theChainVerifiesAndATamperedEntryIsFound() throws Exception {
        String id = createAsset("chained");
        JsonNode intact = graphql.data("{ auditChain { intact entriesChecked firstBrokenEntryId } }")
                .get("auditChain");
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("entriesChecked").asLong()).isGreaterThan(1);

        Map<String, String> entry = rows(
                        "SELECT id::text AS id, details::text AS details FROM lakehouse.audit_logs WHERE resource_id = ?",
                        id)
                .get(0);
        String entryId = entry.get("id");
        String details = entry.get("details");
        setDetails(entryId, "{\"operation\": \"nothing to see\"}");
        try {
            JsonNode broken =
                    graphql.data("{ auditChain { intact firstBrokenEntryId } }").get("auditChain");
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asText()).isEqualTo(entryId);
        } finally {
            setDetails(entryId, details);
        }
    }

    @Test
    void everyTamperedEntryIsReportedNotOnlyTheFirst() throws Exception {
        String first = entryOf(createAsset("tampered_first"));
        String second = entryOf(createAsset("tampered_second"));
        String firstDetails = details(first);
        String secondDetails = details(second);
        setDetails(first, "{\"operation\": \"nothing to see\"}");
        setDetails(second, "{\"operation\": \"nothing here either\"}");
        try {
            long entries = Long.parseLong(rows("SELECT count(*) AS n FROM lakehouse.audit_logs")
                    .get(0)
                    .get("n"));
            JsonNode broken = graphql.data(
                            "{ auditChain { intact entriesChecked firstBrokenEntryId brokenEntries brokenEntryIds } }")
                    .get("auditChain");
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("brokenEntries").asLong()).isEqualTo(2);
            assertThat(broken.get("brokenEntryIds"))
                    .extracting(JsonNode::asText)
                    .containsExactly(first, second);
            assertThat(broken.get("firstBrokenEntryId").asText()).isEqualTo(first);
            // The walk went on past the first break: every entry of the trail was checked.
            assertThat(broken.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(entries);
        } finally {
            setDetails(first, firstDetails);
            setDetails(second, secondDetails);
        }
        assertThat(graphql.data("{ auditChain { intact brokenEntries } }")
                        .get("auditChain")
                        .get("brokenEntries")
                        .asLong())
                .isZero();
    }

    @Test
    void aFieldChangedFromNullToEmptyInTheDatabaseBreaksTheChain() throws Exception {
        // The chain check's own entry: a READ of audit_log that names no resource, written by this build.
        graphql.data("{ auditChain { intact } }");
        String entry = rows("SELECT id::text AS id FROM lakehouse.audit_logs WHERE resource_type = 'audit_log'"
                        + " AND resource_id IS NULL ORDER BY occurred_at DESC LIMIT 1")
                .get(0)
                .get("id");
        assertThat(update("UPDATE lakehouse.audit_logs SET resource_id = '' WHERE id = ?::uuid", entry))
                .isEqualTo(1);
        try {
            JsonNode broken = graphql.data("{ auditChain { intact brokenEntries brokenEntryIds } }")
                    .get("auditChain");
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("brokenEntryIds"))
                    .extracting(JsonNode::asText)
                    .containsExactly(entry);
        } finally {
            update("UPDATE lakehouse.audit_logs SET resource_id = NULL WHERE id = ?::uuid", entry);
        }
        assertThat(graphql.data("{ auditChain { intact } }")
                        .get("auditChain")
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }

    /** The id of the one entry that names the resource. */
    private static String entryOf(String resourceId) throws Exception {
        List<Map<String, String>> found =
                rows("SELECT id::text AS id FROM lakehouse.audit_logs WHERE resource_id = ?", resourceId);
        assertThat(found).hasSize(1);
        return found.get(0).get("id");
    }

    private static String details(String entryId) throws Exception {
        return rows("SELECT details::text AS details FROM lakehouse.audit_logs WHERE id = ?::uuid", entryId)
                .get(0)
                .get("details");
    }

    private static String base() {
        return "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + "/lakehouse";
    }

    private static long count(String operation) throws Exception {
        return Long.parseLong(
                rows("SELECT count(*) AS n FROM lakehouse.audit_logs WHERE details->>'operation' = ?", operation)
                        .get(0)
                        .get("n"));
    }

    /** The asset reads the trail holds: a refused query adds none. */
    private static long assetReads() throws Exception {
        return Long.parseLong(rows(
                        "SELECT count(*) AS n FROM lakehouse.audit_logs WHERE resource_type = ? AND action = ?",
                        "asset",
                        "READ")
                .get(0)
                .get("n"));
    }

    /** The newest entry whose details name the operation. */
    private static Map<String, String> latest(String operation) throws Exception {
        List<Map<String, String>> found = rows(
                "SELECT outcome, resource_type, resource_id, actor_pseudonym, details::text AS details"
                        + " FROM lakehouse.audit_logs"
                        + " WHERE details->>'operation' = ? ORDER BY occurred_at DESC LIMIT 1",
                operation);
        assertThat(found).as("an entry for " + operation).isNotEmpty();
        return found.get(0);
    }

    private static void setDetails(String entryId, String details) throws Exception {
        assertThat(update("UPDATE lakehouse.audit_logs SET details = ?::jsonb WHERE id = ?::uuid", details, entryId))
                .isEqualTo(1);
    }

    private static List<Map<String, String>> entries(String resourceId) throws Exception {
        return rows(
                "SELECT action, resource_type, outcome, purpose, source_ip, actor_pseudonym, actor_role,"
                        + " details::text AS details FROM lakehouse.audit_logs WHERE resource_id = ? ORDER BY occurred_at",
                resourceId);
    }

    /** Every row the query finds, as column label to text; the parameters fill its {@code ?} in order. */
    private static List<Map<String, String>> rows(String sql, String... parameters) throws SQLException {
        try (Connection db = ItDatabase.connect();
                PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                List<Map<String, String>> found = new ArrayList<>();
                while (rows.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c), rows.getString(c));
                    }
                    found.add(row);
                }
                return found;
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; the parameters fill its {@code ?} in order. */
    private static int update(String sql, String... parameters) throws SQLException {
        try (Connection db = ItDatabase.connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** An asset without columns in the audit namespace, created exactly as the tests did inline. */
    private String createAsset(String name) throws Exception {
        return graphql.data("mutation { createAsset(input: {namespace: \"audit\", name: \"" + name + "\"}) { id } }")
                .get("createAsset")
                .get("id")
                .asText();
    }
}
