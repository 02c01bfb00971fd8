package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.sled.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Databases written by real sled 0.34.7 ingested into one asset per tree; every pair compared with
 * sled's own dump ({@code fixtures/sled/*.expected.tsv}: tree hex, key hex, value length, value CRC-32).
 */
class SledIngestionIT extends DeployedEarFixture {
    private static final String NAMESPACE = "sledit";
    private static final String DEFAULT_TREE = "__sled__default";

    @Test
    void everyPairOfEveryTreeLandsInItsOwnAssetAndASecondRunOverwrites() throws Exception {
        Path db = copyFixture("db1");
        String jobId =
                runs.createJob(sledJob("sled_db1", db, "db1", null)).get("id").asText();

        JsonNode run = runs.runToCompletion(jobId);

        Map<String, List<String>> expected = expectedPairs("db1");
        assertEveryTreeMatches("db1", expected);
        assertThat(IngestionRuns.step(run, "read").get("readCount").asLong()).isEqualTo(4604);
        assertThat(runs.job(jobId).get("rowsIngested").asLong()).isEqualTo(4604);

        runs.runToCompletion(jobId);

        for (Map.Entry<String, List<String>> tree : expected.entrySet()) {
            JsonNode asset = graphql.data(
                            "query($ns: String, $name: String) { asset(namespace: $ns, name: $name) "
                                    + "{ rowCount snapshots { operation } } }",
                            Map.of("ns", NAMESPACE, "name", "db1_" + tree.getKey()))
                    .get("asset");
            assertThat(asset.get("rowCount").asLong())
                    .as(tree.getKey())
                    .isEqualTo(tree.getValue().size());
            JsonNode snapshots = asset.get("snapshots");
            assertThat(snapshots).hasSize(2);
            assertThat(snapshots.get(1).get("operation").asText()).isEqualTo("OVERWRITE");
        }
    }

    @Test
    void compressedDatabaseGivesTheSamePairs() throws Exception {
        Path db = copyFixture("dbz");
        String jobId =
                runs.createJob(sledJob("sled_dbz", db, "dbz", null)).get("id").asText();

        runs.runToCompletion(jobId);

        assertEveryTreeMatches("dbz", expectedPairs("dbz"));
    }

    @Test
    void unknownTreeIsRefusedNamingTheTree() throws Exception {
        Path db = copyFixture("db1", "db1_unknown_tree");

        JsonNode response = runs.tryCreateJob(sledJob("sled_unknown_tree", db, "nosuch", List.of("no_such_tree")));

        if (response.has("errors")) {
            assertThat(errorCode(response)).isEqualTo("invalid-input");
            assertThat(message(response)).contains("no_such_tree");
        } else {
            String jobId =
                    response.get("data").get("createIngestionJob").get("id").asText();
            JsonNode run = runs.awaitEnd(runs.start(jobId));
            assertThat(run.get("batchStatus").asText()).as("%s", run).isEqualTo("FAILED");
            assertThat(run.get("exitStatus").asText()).contains("no_such_tree");
        }
        assertThat(graphql.execute("{ asset(namespace: \"sledit\", name: \"nosuch_no_such_tree\") { id } }")
                        .toString())
                .contains("unknown-asset");
    }

    private static Map<String, Object> sledJob(String name, Path db, String prefix, List<String> trees) {
        Map<String, Object> sled = new LinkedHashMap<>(Map.of(
                "path", db.toString(), "targetNamespace", NAMESPACE, "assetPrefix", prefix, "valueFormat", "BYTES"));
        if (trees != null) {
            sled.put("trees", trees);
        }
        return Map.of("name", name, "sled", sled);
    }

    /** Compares each tree's asset with the expected pairs, as {@code key hex, value length, value CRC-32}. */
    private void assertEveryTreeMatches(String prefix, Map<String, List<String>> expected) throws Exception {
        JsonNode assets = graphql.data(
                        "query($ns: String) { assets(namespace: $ns, first: 100) { nodes { id name } } }",
                        Map.of("ns", NAMESPACE))
                .get("assets")
                .get("nodes");
        Map<String, String> ids = new LinkedHashMap<>();
        assets.forEach(a -> {
            if (a.get("name").asText().startsWith(prefix + "_")) {
                ids.put(a.get("name").asText(), a.get("id").asText());
            }
        });
        assertThat(ids.keySet()).containsExactlyInAnyOrder(prefix + "_default", prefix + "_events", prefix + "_users");
        for (Map.Entry<String, List<String>> tree : expected.entrySet()) {
            String assetId = ids.get(prefix + "_" + tree.getKey());
            assertThat(runs.rowColumns(assetId)).containsExactly("key bytes", "value bytes");
            List<String> actual = new ArrayList<>();
            for (List<String> row : runs.allRows(assetId)) {
                actual.add(pair(
                        Base64.getDecoder().decode(row.get(0)),
                        Base64.getDecoder().decode(row.get(1))));
            }
            assertThat(actual).as("tree %s", tree.getKey()).containsExactlyInAnyOrderElementsOf(tree.getValue());
        }
    }

    private static String pair(byte[] key, byte[] value) {
        CRC32 crc = new CRC32();
        crc.update(value);
        return HexFormat.of().formatHex(key) + "\t" + value.length + "\t" + String.format("%08x", crc.getValue());
    }

    /** The pairs of sled's dump by asset suffix ({@code default} for sled's default tree), in sled's order. */
    private static Map<String, List<String>> expectedPairs(String db) throws IOException {
        Map<String, List<String>> trees = new LinkedHashMap<>();
        for (String line : Fixtures.expectedLines(db)) {
            String[] fields = line.split("\t", -1);
            String tree = new String(HexFormat.of().parseHex(fields[0]), StandardCharsets.UTF_8);
            String suffix = tree.equals(DEFAULT_TREE) ? "default" : tree;
            trees.computeIfAbsent(suffix, t -> new ArrayList<>()).add(fields[1] + "\t" + fields[2] + "\t" + fields[3]);
        }
        assertThat(trees.keySet()).containsExactlyInAnyOrder("default", "events", "users");
        return trees;
    }

    private static Path copyFixture(String db) throws Exception {
        return copyFixture(db, db);
    }

    /** A fresh copy of a fixture database under the server's local source root. */
    private static Path copyFixture(String db, String as) throws Exception {
        return Fixtures.copy(db, IngestionRuns.freshFolder("sled", as));
    }
}
