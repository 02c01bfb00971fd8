package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.assertError;
import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Assets through the GraphQL API of the deployed EAR, stored in the real catalog. */
class AssetGraphQlIT extends DeployedEarFixture {
    private static final String ASSET_FIELDS = "id namespace name description assetType storageFormat classification "
            + "columns { name type nullable primaryKey pii } primaryKey tags currentSnapshotId rowCount byteSize version";
    private static final String CREATE =
            "mutation($input: AssetInput!) { createAsset(input: $input) { " + ASSET_FIELDS + " } }";

    /** Creates an asset, failing the test on errors. */
    private JsonNode create(Map<String, Object> input) throws Exception {
        return graphql.data(CREATE, Map.of("input", input)).get("createAsset");
    }

    /** Tries to create an asset: the whole response, for tests that expect errors. */
    private JsonNode tryCreate(Map<String, Object> input) throws Exception {
        return graphql.execute(CREATE, Map.of("input", input));
    }

    @Test
    void createdAssetIsStoredInTheCatalogAndReadBackByIdAndByName() throws Exception {
        JsonNode created = create(Map.of(
                "namespace",
                "health",
                "name",
                "vital_signs",
                "description",
                "Vital signs per patient and minute",
                "assetType",
                "TIME_SERIES",
                "classification",
                "PHI",
                "tags",
                List.of("vitals", "icu"),
                "columns",
                List.of(
                        Map.of(
                                "name",
                                "patient_id",
                                "type",
                                "int64",
                                "nullable",
                                false,
                                "primaryKey",
                                true,
                                "pii",
                                "DIRECT_IDENTIFIER"),
                        Map.of("name", "measured_at", "type", "timestamp_ms", "nullable", false),
                        Map.of("name", "heart_rate", "type", "decimal(4,1)"))));

        assertThat(created.get("namespace").asText()).isEqualTo("health");
        assertThat(created.get("storageFormat").asText()).isEqualTo("WEBM_COLUMNAR");
        assertThat(created.get("primaryKey"))
                .hasSize(1)
                .first()
                .extracting(JsonNode::asText)
                .isEqualTo("patient_id");
        assertThat(created.get("columns").get(2).get("type").asText()).isEqualTo("decimal(4,1)");
        assertThat(created.get("columns").get(2).get("nullable").asBoolean()).isTrue();
        assertThat(created.get("currentSnapshotId").isNull()).isTrue();

        String id = created.get("id").asText();
        JsonNode byId = graphql.data("query($id: ID) { asset(id: $id) { " + ASSET_FIELDS + " } }", Map.of("id", id))
                .get("asset");
        JsonNode byName = graphql.data(
                        "{ asset(namespace: \"health\", name: \"vital_signs\") { " + ASSET_FIELDS + " } }")
                .get("asset");
        assertThat(byId).isEqualTo(created);
        assertThat(byName).isEqualTo(created);

        try (Connection db = ItDatabase.connect();
                PreparedStatement select = db.prepareStatement(
                        "SELECT namespace, name, classification, schema::text, tags FROM lakehouse.data_assets WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("name")).isEqualTo("vital_signs");
                assertThat(row.getString("classification")).isEqualTo("PHI");
                assertThat(row.getString(4)).contains("\"heart_rate\"").contains("decimal(4,1)");
                assertThat((String[]) row.getArray("tags").getArray()).containsExactly("vitals", "icu");
            }
        }
    }

    @Test
    void listsAssetsPageByPageWithoutGapsOrRepeats() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "ledger_" + i;
            expected.add(name);
            create(Map.of("namespace", "paging", "name", name, "tags", List.of("paged")));
        }
        List<String> seen = new ArrayList<>();
        List<JsonNode> pages = graphql.allPages(
                "query($first: Int!, $after: String) { assets(namespace: \"paging\", first: $first, after: $after) "
                        + "{ nodes { name } pageInfo { hasNextPage endCursor } } }",
                Map.of("first", 3),
                data -> data.get("assets"));
        pages.forEach(page ->
                page.get("nodes").forEach(node -> seen.add(node.get("name").asText())));

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize(3);
    }

    @Test
    void filtersByAllGivenTags() throws Exception {
        create(Map.of("namespace", "tagged", "name", "both", "tags", List.of("red", "blue")));
        create(Map.of("namespace", "tagged", "name", "red_only", "tags", List.of("red")));

        JsonNode nodes = graphql.data("{ assets(namespace: \"tagged\", tags: [\"red\", \"blue\"]) { nodes { name } } }")
                .get("assets")
                .get("nodes");

        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).get("name").asText()).isEqualTo("both");
    }

    @Test
    void rejectsBadNamesAndTypesWithInvalidInputAndStoresNothing() throws Exception {
        JsonNode badName = tryCreate(Map.of("namespace", "health", "name", "Robert'); DROP TABLE x;--"));
        JsonNode badType = tryCreate(Map.of(
                "namespace", "health", "name", "typed", "columns", List.of(Map.of("name", "amount", "type", "money"))));

        assertThat(errorCode(badName)).isEqualTo("invalid-input");
        assertThat(message(badName))
                .startsWith("name 'Robert'); DROP TABLE x;--' is not a valid name: expected [a-z][a-z0-9_]{0,62}");
        assertThat(errorCode(badType)).isEqualTo("invalid-input");
        assertThat(message(badType)).startsWith("column amount: unknown type 'money'");
        assertThat(graphql.execute("{ asset(namespace: \"health\", name: \"typed\") { id } }")
                        .toString())
                .contains("unknown-asset");
    }

    @Test
    void unknownIdAnswersUnknownAssetWithoutInternals() throws Exception {
        JsonNode response = graphql.execute("{ asset(id: \"" + UUID.randomUUID() + "\") { id } }");
        JsonNode malformed = graphql.execute("{ asset(id: \"not-a-uuid\") { id } }");

        assertThat(errorCode(response)).isEqualTo("unknown-asset");
        assertThat(response.get("data").get("asset").isNull()).isTrue();
        assertError(malformed, "invalid-input", "id 'not-a-uuid' is not an id (a UUID)");
        // No Java class names or stack traces (graphql-java's own classification "DataFetchingException" aside).
        assertThat(response.toString() + malformed)
                .doesNotContain("coop.cpc")
                .doesNotContain("java.")
                .doesNotContain("UnknownAssetException")
                .doesNotContain("\tat ");
    }

    @Test
    void duplicateNamesStaleVersionsAndDeletesAreReportedByCode() throws Exception {
        String id = create(Map.of("namespace", "finance", "name", "transactions"))
                .get("id")
                .asText();

        JsonNode duplicate = tryCreate(Map.of("namespace", "finance", "name", "transactions"));
        assertThat(errorCode(duplicate)).isEqualTo("asset-already-exists");

        String update =
                "mutation($id: ID!, $input: AssetUpdateInput!) { updateAsset(id: $id, input: $input) { description version tags } }";
        JsonNode updated = graphql.data(
                        update,
                        Map.of(
                                "id",
                                id,
                                "input",
                                Map.of(
                                        "description",
                                        "Card payments",
                                        "tags",
                                        List.of("payments"),
                                        "expectedVersion",
                                        0)))
                .get("updateAsset");
        assertThat(updated.get("description").asText()).isEqualTo("Card payments");
        assertThat(updated.get("version").asLong()).isEqualTo(1);
        JsonNode stale =
                graphql.execute(update, Map.of("id", id, "input", Map.of("description", "x", "expectedVersion", 0)));
        assertThat(errorCode(stale)).isEqualTo("stale-version");

        assertThat(graphql.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", id))
                        .get("deleteAsset")
                        .asText())
                .isEqualTo(id);
        assertThat(errorCode(graphql.execute("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", id))))
                .isEqualTo("unknown-asset");
    }

    @Test
    void aDeletedAssetsSegmentFilesAreGoneOnceTheDeleteHasCommitted() throws Exception {
        // The files go in the transaction's afterCompletion, once the catalog, asked again in a transaction of its
        // own, no longer names them: this shows that works on each server (bin/test runs this IT on Liberty too).
        Path assetFiles = IngestionRuns.storagePath("deletion/with_segments");
        ServerProvisioner.deleteRecursively(assetFiles);
        String id = runs.createAsset("deletion", "with_segments", IngestionRuns.ACCOUNTS);
        runs.appendRows(id, IngestionRuns.ACCOUNTS_WRITTEN, List.of(List.of("1", "alice", "10.00")));
        assertThat(FileDropHostileIT.webmFiles(assetFiles))
                .as("the row's segment file")
                .isNotEmpty();

        assertThat(graphql.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", id))
                        .get("deleteAsset")
                        .asText())
                .isEqualTo(id);

        assertThat(FileDropHostileIT.webmFiles(assetFiles))
                .as("files of the deleted asset")
                .isEmpty();
    }

    @Test
    void refusesPagesLargerThanTheConfiguredMaximum() throws Exception {
        JsonNode response = graphql.execute("{ assets(first: 101) { nodes { id } } }");

        assertError(response, "invalid-input", "first must be from 1 to 100, not 101");
    }
}
