package coop.cpc.lakehouse.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.IngestionRuns;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.ItTokens;
import coop.cpc.lakehouse.it.OwnServer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server is killed with SIGKILL while the compact-asset job writes its segments (before it commits),
 * then started again: the asset reads exactly as before, and once the orphan cleanup has run no file is
 * left that the catalog does not name.
 *
 * <p>Runs its own copy of the provisioned WildFly on the port offset {@code lakehouse.it.crash.port.offset}
 * (default: 200 above the Arquillian server's), like {@link KillDashNineRestartIT}.
 */
@ExtendWith(ItDatabase.class)
class CompactionKillDashNineIT extends KilledServerFixture {
    private static final int KEYS = Integer.getInteger("lakehouse.it.compaction.keys", 40_000);
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration COMPACTION_STARTS = Duration.ofMinutes(3);
    private static final Path DIR = OwnServer.DIR;
    private static final String CATALOG = "compaction_crash_catalog";

    @Test
    void killDashNineMidCompactionLosesNothingAndLeavesNoOrphan() throws Exception {
        ItDatabase.recreate(CATALOG);
        Path storage = freshDirectory(DIR.resolve("compaction-crash-webm"));
        server = OwnServer.deploy("compaction-crash", portOffset());
        Map<String, String> properties = OwnServer.properties(CATALOG, storage);
        properties.put("data_lakehouse.graphql_max_page_size", "1000");
        // Small output segments: the job writes many files, so the kill lands between its first file and its commit.
        properties.put("data_lakehouse.compaction_target_rows", "1024");
        properties.put("data_lakehouse.compaction_change_segments", "100000");
        properties.putAll(ItTokens.serverProperties());
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        GraphQlClient graphql = GraphQlClient.at(server.httpPort());

        String assetId = new IngestionRuns(graphql).createAsset("crash", "accounts", IngestionRuns.ACCOUNTS);
        for (int from = 0; from < KEYS; from += 10_000) {
            upsert(graphql, assetId, from, Math.min(KEYS, from + 10_000), "base");
        }
        // 10% of the keys updated, 5% deleted: the compaction has changes to fold in.
        upsert(graphql, assetId, 0, KEYS / 10, "updated");
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int k = KEYS - KEYS / 20; k < KEYS; k++) {
            keys.add(Map.of("values", List.of(String.valueOf(k))));
        }
        graphql.data(
                "mutation($id: ID!, $keys: [RowInput!]!) { deleteRows(assetId: $id, keys: $keys) { snapshotId } }",
                Map.of("id", assetId, "keys", keys));
        Map<String, List<String>> before = readAll(graphql, assetId);
        assertThat(before).hasSize(KEYS - KEYS / 20);
        Set<String> catalogFiles = catalogPaths(graphql, assetId);
        log("asset loaded: " + before.size() + " rows in " + catalogFiles.size() + " segments");

        graphql.data("mutation($id: ID!) { compactAsset(assetId: $id) { executionId } }", Map.of("id", assetId));
        awaitUncommittedFile(storage, catalogFiles);
        long killed = server.killDashNine();
        log("killed " + killed + " server JVM(s) with SIGKILL while the compaction wrote its files");
        assertThat(killed).isPositive();
        Set<String> leftBehind = new HashSet<>(filesOnDisk(storage));
        leftBehind.removeAll(catalogFiles);
        assertThat(leftBehind).as("files the killed compaction wrote").isNotEmpty();
        // An hour passes (the orphan cleanup's grace period), then the server starts: its cleanup runs at start-up.
        for (String path : leftBehind) {
            Files.setLastModifiedTime(
                    storage.resolve(path), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }

        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        log("server up again");

        JsonNode snapshots = graphql.data(
                        "query($id: ID) { asset(id: $id) { snapshots { operation } } }", Map.of("id", assetId))
                .get("asset")
                .get("snapshots");
        assertThat(snapshots.findValuesAsText("operation"))
                .as("the killed compaction committed nothing")
                .doesNotContain("COMPACT");
        assertThat(readAll(graphql, assetId))
                .as("the asset reads exactly as before")
                .isEqualTo(before);
        Set<String> named = catalogPaths(graphql, assetId);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!named.containsAll(filesOnDisk(storage)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(filesOnDisk(storage))
                .as("files on disk after the orphan cleanup: the catalog's, no orphan")
                .containsExactlyInAnyOrderElementsOf(named);

        // The job run again completes, and the asset still reads the same.
        graphql.data("mutation($id: ID!) { compactAsset(assetId: $id) { executionId } }", Map.of("id", assetId));
        Instant compacted = Instant.now().plus(Duration.ofMinutes(5));
        while (!graphql.data("query($id: ID) { asset(id: $id) { snapshots { operation } } }", Map.of("id", assetId))
                .get("asset")
                .get("snapshots")
                .findValuesAsText("operation")
                .contains("COMPACT")) {
            assertThat(Instant.now()).as("the second compaction in time").isBefore(compacted);
            Thread.sleep(500);
        }
        assertThat(readAll(graphql, assetId))
                .as("the compacted asset reads the same")
                .isEqualTo(before);
        log("verified");
    }

    private static void upsert(GraphQlClient graphql, String assetId, int from, int to, String owner) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = from; k < to; k++) {
            rows.add(Map.of(
                    "values",
                    List.of(
                            String.valueOf(k),
                            owner + k,
                            (k % 100_000) + "." + (k % 100 < 10 ? "0" : "") + (k % 100))));
        }
        graphql.data(
                "mutation($id: ID!, $columns: [ColumnInput!]!, $rows: [RowInput!]!) { upsertRows(assetId: $id, "
                        + "columns: $columns, rows: $rows) { snapshotId } }",
                Map.of("id", assetId, "columns", IngestionRuns.ACCOUNTS_WRITTEN, "rows", rows));
    }

    private static Map<String, List<String>> readAll(GraphQlClient graphql, String assetId) throws Exception {
        Map<String, List<String>> rows = new HashMap<>();
        for (List<String> values : new IngestionRuns(graphql).allRows(assetId, null, 1000)) {
            assertThat(rows.put(values.get(0), values))
                    .as("key " + values.get(0) + " read twice")
                    .isNull();
        }
        return rows;
    }

    private static Set<String> catalogPaths(GraphQlClient graphql, String assetId) throws Exception {
        return graphql
                .data("query($id: ID) { asset(id: $id) { segments { path } } }", Map.of("id", assetId))
                .get("asset")
                .get("segments")
                .findValuesAsText("path")
                .stream()
                .collect(Collectors.toSet());
    }

    /** Waits until a segment file appears that the catalog does not name: the compaction is writing. */
    private static void awaitUncommittedFile(Path storage, Set<String> catalogFiles) throws Exception {
        Instant deadline = Instant.now().plus(COMPACTION_STARTS);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (filesOnDisk(storage).stream().anyMatch(path -> !catalogFiles.contains(path))) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // The server renamed a temporary file while the walk listed it: look again.
            }
            Thread.sleep(20);
        }
        fail("the compaction wrote no file within %d s", COMPACTION_STARTS.toSeconds());
    }

    private static Set<String> filesOnDisk(Path storage) throws Exception {
        try (Stream<Path> walk = Files.walk(storage)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".webm")
                            || p.getFileName().toString().endsWith(".webm.tmp"))
                    .map(p -> storage.relativize(p).toString())
                    .collect(Collectors.toSet());
        }
    }

    private static int portOffset() {
        return portOffset("lakehouse.it.compaction.crash.port.offset", 200);
    }
}
