package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.IngestionRuns.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Row-level changes on the real server: upsertRows, deleteRows, rows by merge-on-read with time travel,
 * the changes feed, compactAsset (on demand and past the change-segment threshold), expireSnapshots, the daily
 * job's deletion of expired snapshot rows, and the paging of snapshots and segments.
 */
class RowChangesIT extends DeployedEarFixture {
    private static final String CREATE = "mutation($input: AssetInput!) { createAsset(input: $input) { id } }";
    private static final String UPSERT = "mutation($id: ID!, $columns: [ColumnInput!]!, $rows: [RowInput!]!) "
            + "{ upsertRows(assetId: $id, columns: $columns, rows: $rows) { snapshotId sequenceNumber } }";
    private static final String DELETE = "mutation($id: ID!, $keys: [RowInput!]!) "
            + "{ deleteRows(assetId: $id, keys: $keys) { snapshotId sequenceNumber } }";
    private static final String ROWS =
            "query($id: ID, $first: Int!, $after: String, $asOf: AsOfInput, $where: [RowPredicateInput]) "
                    + "{ asset(id: $id) { rows(first: $first, after: $after, asOf: $asOf, where: $where) "
                    + "{ rows { values } pageInfo { hasNextPage endCursor } } } }";
    private static final String CHANGES = "query($id: ID!, $from: ID, $to: ID, $first: Int!, $after: String) "
            + "{ changes(assetId: $id, fromSnapshot: $from, toSnapshot: $to, first: $first, after: $after) "
            + "{ columns { name } changes { sequenceNumber kind before after } fromSnapshot toSnapshot "
            + "pageInfo { hasNextPage endCursor } } }";

    @Test
    void upsertsAndDeletesReadAsTheCurrentVersionOfEachKeyAndTimeTravelSeesTheOldOnes() throws Exception {
        String id = createAccounts("current");
        String first = upsert(id, row("1", "ada", "10.00"), row("2", "bob", "20.00"), row("3", "cy", "30.00"));
        upsert(id, row("2", "bob", "25.50"), row("4", "dee", null), row("4", "dee", "40.00"));
        String deleted = delete(id, List.of("3"), List.of("99"));

        assertThat(readAll(id, null, 2))
                .containsExactlyInAnyOrder(
                        List.of("1", "ada", "10.00"), List.of("2", "bob", "25.50"), List.of("4", "dee", "40.00"));
        assertThat(readAll(id, Map.of("snapshotId", first), 2))
                .containsExactlyInAnyOrder(
                        List.of("1", "ada", "10.00"), List.of("2", "bob", "20.00"), List.of("3", "cy", "30.00"));
        // A filter on the key still prunes and still merges.
        Map<String, Object> variables = new HashMap<>(Map.of(
                "id", id, "first", 10, "where", List.of(Map.of("column", "id", "op", "GE", "values", List.of("2")))));
        assertThat(values(graphql.data(ROWS, variables).get("asset").get("rows")))
                .containsExactlyInAnyOrder(List.of("2", "bob", "25.50"), List.of("4", "dee", "40.00"));
        JsonNode snapshots = graphql.data(
                        "query($id: ID) { asset(id: $id) { snapshots { id operation } segments { kind } } }",
                        Map.of("id", id))
                .get("asset");
        assertThat(snapshots.get("snapshots").get(2).get("operation").asText()).isEqualTo("DELETE");
        assertThat(snapshots.get("snapshots").get(2).get("id").asText()).isEqualTo(deleted);
        assertThat(snapshots.get("segments").findValuesAsText("kind")).containsExactly("DATA", "DATA", "DELETES");
    }

    @Test
    void theChangeFeedReportsInsertsUpdatesAndDeletesInCommitOrderAndResumes() throws Exception {
        String id = createAccounts("feed");
        upsert(id, row("1", "ada", "10.00"), row("2", "bob", "20.00"));
        String second = upsert(id, row("2", "bob", "21.00"));
        delete(id, List.of("1"));

        JsonNode all = changes(id, null, null, 100);
        assertThat(events(all))
                .containsExactly(
                        "1 INSERT null [1, ada, 10.00]",
                        "1 INSERT null [2, bob, 20.00]",
                        "2 UPDATE [2, bob, 20.00] [2, bob, 21.00]",
                        "3 DELETE [1, ada, 10.00] null");
        // Resume from where a consumer stopped: only what came after.
        JsonNode resumed = changes(id, second, null, 100);
        assertThat(events(resumed)).containsExactly("3 DELETE [1, ada, 10.00] null");
        assertThat(resumed.get("toSnapshot").asText())
                .isEqualTo(all.get("toSnapshot").asText());
        // Paged one change at a time, the same feed.
        List<String> paged = new ArrayList<>();
        for (JsonNode page : graphql.allPages(CHANGES, Map.of("id", id, "first", 1), data -> data.get("changes"))) {
            paged.addAll(events(page));
        }
        assertThat(paged).isEqualTo(events(all));
    }

    @Test
    void compactAssetRewritesChangesIntoBaseSegmentsThatReadTheSame() throws Exception {
        String id = createAccounts("compacted");
        upsert(id, row("1", "ada", "10.00"), row("2", "bob", "20.00"), row("3", "cy", "30.00"));
        upsert(id, row("2", "bob", "22.00"));
        delete(id, List.of("1"));
        List<List<String>> before = readAll(id, null, 10);

        JsonNode started =
                graphql.data("mutation($id: ID!) { compactAsset(assetId: $id) { executionId } }", Map.of("id", id));
        assertThat(started.get("compactAsset").get("executionId").asLong()).isPositive();
        awaitOperation(id, "COMPACT", 1);

        assertThat(readAll(id, null, 10)).containsExactlyInAnyOrderElementsOf(before);
        JsonNode asset = graphql.data(
                        "query($id: ID) { asset(id: $id) { segments { kind removedSnapshotId columnStatistics } } }",
                        Map.of("id", id))
                .get("asset");
        List<JsonNode> live = new ArrayList<>();
        asset.get("segments").forEach(s -> {
            if (s.get("removedSnapshotId").isNull()) {
                live.add(s);
            }
        });
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("kind").asText()).isEqualTo("DATA");
        JsonNode stats = GraphQlClient.JSON
                .readTree(live.get(0).get("columnStatistics").asText())
                .get("id");
        assertThat(stats.get("min").asText()).isEqualTo("2");
        assertThat(stats.get("max").asText()).isEqualTo("3");
        // A compaction changes no row: the feed holds the five changes of the three commits, nothing more.
        assertThat(events(changes(id, null, null, 100))).hasSize(5);
    }

    @Test
    void enoughChangeSegmentsStartACompactionByThemselves() throws Exception {
        String id = createAccounts("automatic");
        // compaction_change_segments is 16 by default: the first commit is the base, 16 more cross it.
        for (int i = 0; i <= 16; i++) {
            upsert(id, row(String.valueOf(i % 5), "o" + i, i + ".00"));
        }
        awaitOperation(id, "COMPACT", 1);
        assertThat(readAll(id, null, 10))
                .containsExactlyInAnyOrder(
                        List.of("0", "o15", "15.00"),
                        List.of("1", "o16", "16.00"),
                        List.of("2", "o12", "12.00"),
                        List.of("3", "o13", "13.00"),
                        List.of("4", "o14", "14.00"));
    }

    @Test
    void expiredSnapshotsCannotBeReadAndTheirFilesAreGone() throws Exception {
        String id = createAccounts("expiring");
        String first = upsert(id, row("1", "ada", "10.00"));
        upsert(id, row("1", "ada", "11.00"));
        graphql.data("mutation($id: ID!) { compactAsset(assetId: $id) { executionId } }", Map.of("id", id));
        awaitOperation(id, "COMPACT", 1);
        List<String> paths = new ArrayList<>();
        graphql.data("query($id: ID) { asset(id: $id) { segments { path } } }", Map.of("id", id))
                .get("asset")
                .get("segments")
                .forEach(s -> paths.add(s.get("path").asText()));
        assertThat(paths).hasSize(3);

        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        JsonNode expired = graphql.data(
                        "mutation($id: ID!) { expireSnapshots(assetId: $id, olderThan: \"" + tomorrow
                                + "\", retainLast: 1) { snapshotsExpired segmentsDeleted } }",
                        Map.of("id", id))
                .get("expireSnapshots");

        assertThat(expired.get("snapshotsExpired").asInt()).isEqualTo(2);
        assertThat(expired.get("segmentsDeleted").asInt()).isEqualTo(2);
        Path storage = Path.of(System.getProperty("lakehouse.it.dir", "target"), "webm");
        assertThat(Files.exists(storage.resolve(paths.get(0)))).isFalse();
        assertThat(Files.exists(storage.resolve(paths.get(1)))).isFalse();
        assertThat(Files.exists(storage.resolve(paths.get(2)))).isTrue();
        assertThat(readAll(id, null, 10)).containsExactly(List.of("1", "ada", "11.00"));
        JsonNode travel = graphql.execute(ROWS, Map.of("id", id, "first", 10, "asOf", Map.of("snapshotId", first)));
        assertThat(errorCode(travel)).isEqualTo("snapshot-expired");
        assertThat(GraphQlClient.message(travel))
                .startsWith("snapshot #1 (" + first + ") of asset crm.expiring expired at ");
    }

    @Test
    void olderSnapshotsAndSegmentsArePagedByTheCursorOfTheOldestListed() throws Exception {
        String id = createAccounts("paged_history");
        for (int i = 1; i <= 3; i++) {
            upsert(id, row(String.valueOf(i), "ada", i + ".00"));
        }
        JsonNode newest = history(id, "snapshots", 2, null);
        assertThat(newest.findValuesAsText("sequenceNumber")).containsExactly("2", "3");
        JsonNode older = history(id, "snapshots", 2, newest.get(0).get("cursor").asText());
        assertThat(older.findValuesAsText("sequenceNumber")).containsExactly("1");
        assertThat(history(id, "snapshots", 2, older.get(0).get("cursor").asText()))
                .as("nothing before the first")
                .isEmpty();

        JsonNode segments = history(id, "segments", 100, null);
        assertThat(segments).hasSize(3);
        JsonNode beforeLast =
                history(id, "segments", 1, segments.get(2).get("cursor").asText());
        assertThat(beforeLast.findValuesAsText("path"))
                .containsExactly(segments.get(1).get("path").asText());
        assertThat(history(id, "segments", 5, segments.get(1).get("cursor").asText())
                        .findValuesAsText("path"))
                .containsExactly(segments.get(0).get("path").asText());

        // A cursor pages only the asset it came from, and a page is bounded like every other.
        String other = createAccounts("paged_other");
        JsonNode foreign = graphql.execute(
                "query($id: ID, $before: String) { asset(id: $id) { snapshots(before: $before) { id } } }",
                Map.of("id", other, "before", newest.get(0).get("cursor").asText()));
        assertThat(errorCode(foreign)).isEqualTo("invalid-input");
        assertThat(GraphQlClient.message(foreign)).startsWith("before: a cursor of snapshots pages the asset");
        JsonNode tooMany =
                graphql.execute("query($id: ID) { asset(id: $id) { snapshots(last: 101) { id } } }", Map.of("id", id));
        assertThat(GraphQlClient.message(tooMany)).isEqualTo("last must be from 1 to 100, not 101");
    }

    @Test
    void expiredSnapshotRowsTheDailyJobDeletedAreStillReadAsExpired() throws Exception {
        Assumptions.assumeFalse(
                "liberty".equals(System.getProperty("arquillian.launch")),
                "the job is started through WildFly's management interface");
        String id = createAccounts("history_deleted");
        String first = upsert(id, row("1", "ada", "10.00"));
        String second = upsert(id, row("1", "ada", "11.00"));
        upsert(id, row("2", "bob", "1.00"));
        graphql.data("mutation($id: ID!) { compactAsset(assetId: $id) { executionId } }", Map.of("id", id));
        awaitOperation(id, "COMPACT", 1);
        upsert(id, row("2", "bob", "2.00"));
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        graphql.data(
                "mutation($id: ID!) { expireSnapshots(assetId: $id, olderThan: \"" + tomorrow
                        + "\", retainLast: 2) { snapshotsExpired } }",
                Map.of("id", id));
        // Expired longer ago than expired_snapshot_record_days (7): what the daily job deletes.
        try (Connection catalog = ItDatabase.connect();
                PreparedStatement backdate = catalog.prepareStatement(
                        "UPDATE lakehouse.asset_snapshots"
                                + " SET expired_at = now() - interval '8 days' WHERE asset_id = ?::uuid AND expired_at IS NOT NULL")) {
            backdate.setString(1, id);
            assertThat(backdate.executeUpdate()).isEqualTo(3);
        }

        String started = WildFlyCli.operation("/deployment=lakehouse.ear/subdeployment=lakehouse-batch.jar"
                + "/subsystem=batch-jberet:start-job(job-xml-name=expire-snapshots)");
        assertThat(started).contains("success");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (history(id, "snapshots", 100, null).size() > 2) {
            assertThat(Instant.now()).as("the expired rows deleted in time").isBefore(deadline);
            Thread.sleep(250);
        }

        JsonNode kept = history(id, "snapshots", 100, null);
        assertThat(kept.findValuesAsText("sequenceNumber")).containsExactly("4", "5");
        assertThat(kept.get(0).get("parentId").isNull())
                .as("#4's parent was deleted")
                .isTrue();
        assertThat(readAll(id, null, 10)).containsExactly(List.of("1", "ada", "11.00"), List.of("2", "bob", "2.00"));
        JsonNode byId = graphql.execute(ROWS, Map.of("id", id, "first", 10, "asOf", Map.of("snapshotId", second)));
        assertThat(errorCode(byId)).isEqualTo("snapshot-expired");
        assertThat(GraphQlClient.message(byId))
                .startsWith("asOf.snapshotId: asset crm.history_deleted has no snapshot " + second
                        + " any more: its snapshots up to #3");
        JsonNode feed = graphql.execute(CHANGES, new HashMap<>(Map.of("id", id, "from", first, "first", 10)));
        assertThat(errorCode(feed)).isEqualTo("snapshot-expired");
        JsonNode fromTheStart = graphql.execute(CHANGES, new HashMap<>(Map.of("id", id, "first", 10)));
        assertThat(errorCode(fromTheStart)).isEqualTo("snapshot-expired");
    }

    /** One page of an asset's snapshots or segments (each with its cursor) of at most {@code last}, before a cursor. */
    private JsonNode history(String id, String field, int last, String before) throws Exception {
        Map<String, Object> variables = new HashMap<>(Map.of("id", id, "last", last));
        variables.put("before", before);
        return graphql.data(
                        "query($id: ID, $last: Int, $before: String) { asset(id: $id) { " + field
                                + "(last: $last, before: $before) { cursor "
                                + (field.equals("snapshots") ? "sequenceNumber parentId" : "path") + " } } }",
                        variables)
                .get("asset")
                .get(field);
    }

    @Test
    void upsertsAndDeletesNeedAPrimaryKey() throws Exception {
        String id = graphql.data(
                        CREATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "namespace",
                                        "crm",
                                        "name",
                                        "keyless",
                                        "columns",
                                        List.of(Map.of("name", "id", "type", "int64")))))
                .get("createAsset")
                .get("id")
                .asText();
        JsonNode refused = graphql.execute(DELETE, Map.of("id", id, "keys", List.of(Map.of("values", List.of("1")))));
        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertThat(GraphQlClient.message(refused))
                .isEqualTo("deleteRows: asset crm.keyless has no primary key (set primaryKey "
                        + "on its columns with updateAsset before it holds data)");
    }

    /** deleteRows takes keys: a refusal names the key (counted from 1), and nothing is deleted. */
    @Test
    void aDeleteOfAKeyThatIsNoKeyNamesTheKey() throws Exception {
        String id = createAccounts("bad_keys");
        upsert(id, List.of("1", "ann", "1.00"), List.of("2", "bob", "2.00"));

        JsonNode refused = graphql.execute(
                DELETE,
                Map.of(
                        "id",
                        id,
                        "keys",
                        List.of(
                                Map.of("values", List.of("1")),
                                Map.of("values", List.of("2")),
                                Map.of("values", List.of("two")))));
        JsonNode wide = graphql.execute(
                DELETE,
                Map.of("id", id, "keys", List.of(Map.of("values", List.of("1")), Map.of("values", List.of("2", "x")))));

        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertThat(GraphQlClient.message(refused)).isEqualTo("key 3, column id: not a int64: 'two'");
        assertThat(GraphQlClient.message(wide)).isEqualTo("key 2 has 2 values for 1 key columns");
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { rowCount } }", Map.of("id", id))
                        .get("asset")
                        .get("rowCount")
                        .asLong())
                .isEqualTo(2);
    }

    private String createAccounts(String name) throws Exception {
        return runs.createAsset("crm", name, IngestionRuns.ACCOUNTS);
    }

    @SafeVarargs
    private String upsert(String id, List<String>... rows) throws Exception {
        List<Map<String, Object>> values = new ArrayList<>();
        for (List<String> row : rows) {
            values.add(Map.of("values", row));
        }
        return graphql.data(UPSERT, Map.of("id", id, "columns", IngestionRuns.ACCOUNTS_WRITTEN, "rows", values))
                .get("upsertRows")
                .get("snapshotId")
                .asText();
    }

    @SafeVarargs
    private String delete(String id, List<String>... keys) throws Exception {
        List<Map<String, Object>> values = new ArrayList<>();
        for (List<String> key : keys) {
            values.add(Map.of("values", key));
        }
        return graphql.data(DELETE, Map.of("id", id, "keys", values))
                .get("deleteRows")
                .get("snapshotId")
                .asText();
    }

    private JsonNode changes(String id, String from, String to, int first) throws Exception {
        Map<String, Object> variables = new HashMap<>(Map.of("id", id, "first", first));
        variables.put("from", from);
        variables.put("to", to);
        return graphql.data(CHANGES, variables).get("changes");
    }

    private static List<String> events(JsonNode page) {
        List<String> events = new ArrayList<>();
        for (JsonNode change : page.get("changes")) {
            events.add(change.get("sequenceNumber").asLong() + " "
                    + change.get("kind").asText() + " " + image(change.get("before")) + " "
                    + image(change.get("after")));
        }
        return events;
    }

    private static String image(JsonNode values) {
        if (values == null || values.isNull()) {
            return "null";
        }
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.isNull() ? "null" : v.asText()));
        return texts.toString();
    }

    /** Waits (up to two minutes) until the asset has {@code count} snapshots of the operation. */
    private void awaitOperation(String id, String operation, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode snapshots = graphql.data(
                            "query($id: ID) { asset(id: $id) { snapshots { operation } } }", Map.of("id", id))
                    .get("asset")
                    .get("snapshots");
            long found = snapshots.findValuesAsText("operation").stream()
                    .filter(operation::equals)
                    .count();
            if (found >= count) {
                return;
            }
            assertThat(Instant.now())
                    .as("a " + operation + " snapshot of " + id + " in time")
                    .isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private List<List<String>> readAll(String id, Map<String, Object> asOf, int first) throws Exception {
        List<List<String>> all = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>(Map.of("id", id, "first", first));
            variables.put("after", after);
            if (after == null && asOf != null) {
                variables.put("asOf", asOf);
            }
            JsonNode page = graphql.data(ROWS, variables).get("asset").get("rows");
            all.addAll(values(page));
            after = page.get("pageInfo").get("hasNextPage").asBoolean()
                    ? page.get("pageInfo").get("endCursor").asText()
                    : null;
        } while (after != null);
        return all;
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
