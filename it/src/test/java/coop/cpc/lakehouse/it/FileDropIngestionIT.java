package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static coop.cpc.lakehouse.it.IngestionRuns.listOf;
import static coop.cpc.lakehouse.it.IngestionRuns.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A drop folder with good, malformed, oversized and partly bad files: good rows read back exactly,
 * files moved to processed/ or quarantine/ with their reason, the bad record counted and written
 * to the rejects file; folders and globs outside the local source roots refused.
 */
class FileDropIngestionIT extends DeployedEarFixture {
    private static final String GLOB = "*.{csv,ndjson.gz,json}";
    private static final List<Map<String, Object>> COLUMNS = List.of(
            column("id", "int64", false),
            column("name", "string", true),
            column("visits", "int32", true),
            column("score", "decimal(6,2)", true),
            column("seen_at", "timestamp_ms", true));
    private static final String GOOD_CSV = """
            id,name,visits,score,seen_at
            1,"Smith, Ann",3,12.50,2026-03-01T10:00:00Z
            2,"He said ""hi\"\"",0,7.00,2026-03-01T10:00:01.500Z
            3,"two
            lines",,0.25,
            4,"",7,,2026-03-01T10:00:02Z
            """;
    private static final String GOOD_NDJSON = """
            {"id": 10, "name": "Gz ü", "visits": 1, "score": 1.5, "seen_at": "2026-03-02T00:00:00Z"}
            {"id": 11, "name": null, "visits": 2, "score": "2.25", "seen_at": 1772409601123}
            """;
    private static final String ONE_BAD_CSV = """
            id,name,visits,score,seen_at
            30,ok,1,1.00,2026-03-03T00:00:00Z
            31,bad,abc,1.00,2026-03-03T00:00:00Z
            32,ok too,2,2.00,2026-03-03T00:00:00Z
            33,leap,1,1.00,2016-12-31T23:59:60Z
            """;
    /** Cut inside the first record: no record of it is whole. */
    private static final String CUT_JSON = "[{\"id\": 20, \"name\": \"cu";

    @Test
    void goodFilesAreReadExactlyBadFilesQuarantinedWithTheirReasonAndTheBadRecordsRejectedWithTheirs()
            throws Exception {
        Path drop = IngestionRuns.freshFolder("drop", "visits");
        Files.writeString(drop.resolve("a_good.csv"), GOOD_CSV);
        Files.write(drop.resolve("b_good.ndjson.gz"), gzip(GOOD_NDJSON));
        Files.writeString(drop.resolve("c_cut.json"), CUT_JSON);
        StringBuilder big = new StringBuilder("id,name,visits,score,seen_at\n");
        for (int i = 100; big.length() <= 4096; i++) {
            big.append(i).append(",padding padding padding,1,1.00,2026-03-04T00:00:00Z\n");
        }
        Files.writeString(drop.resolve("d_big.csv"), big);
        long bigSize = Files.size(drop.resolve("d_big.csv"));
        Files.writeString(drop.resolve("e_onebad.csv"), ONE_BAD_CSV);
        Files.writeString(drop.resolve("notes.txt"), "not matched by the glob");
        String assetId = runs.createAsset("dropit", "visits", COLUMNS);
        String jobId = runs.createJob(
                        "drop_visits",
                        assetId,
                        "fileDrop",
                        Map.of("directory", drop.toString(), "glob", GLOB, "maxFileBytes", 2048))
                .get("id")
                .asText();

        JsonNode run = runs.runToCompletion(jobId);

        assertThat(runs.allRows(assetId))
                .containsExactlyInAnyOrder(
                        List.of("1", "Smith, Ann", "3", "12.50", "2026-03-01T10:00:00Z"),
                        List.of("2", "He said \"hi\"", "0", "7.00", "2026-03-01T10:00:01.500Z"),
                        listOf("3", "two\nlines", null, "0.25", null),
                        listOf("4", "", "7", null, "2026-03-01T10:00:02Z"),
                        List.of("10", "Gz ü", "1", "1.50", "2026-03-02T00:00:00Z"),
                        listOf("11", null, "2", "2.25", "2026-03-02T00:00:01.123Z"),
                        List.of("30", "ok", "1", "1.00", "2026-03-03T00:00:00Z"),
                        List.of("32", "ok too", "2", "2.00", "2026-03-03T00:00:00Z"));
        assertThat(names(drop)).containsExactlyInAnyOrder("notes.txt", "processing", "processed", "quarantine");
        assertThat(names(drop.resolve("processing"))).isEmpty();
        assertThat(names(drop.resolve("processed")))
                .containsExactlyInAnyOrder("a_good.csv", "b_good.ndjson.gz", "e_onebad.csv");
        assertThat(drop.resolve("processed/a_good.csv")).hasContent(GOOD_CSV);
        assertThat(names(drop.resolve("quarantine")))
                .containsExactlyInAnyOrder("c_cut.json", "c_cut.json.reason", "d_big.csv", "d_big.csv.reason");
        assertThat(drop.resolve("quarantine/c_cut.json")).hasContent(CUT_JSON);
        assertThat(Files.readString(drop.resolve("quarantine/c_cut.json.reason")))
                .startsWith("c_cut.json line 1")
                .contains("end-of-input");
        assertThat(Files.readString(drop.resolve("quarantine/d_big.csv.reason")))
                .contains("file size " + bigSize + " bytes exceeds the limit of 2048 bytes");

        JsonNode read = IngestionRuns.step(run, "read");
        assertThat(read.get("writeCount").asLong()).isEqualTo(8);
        assertThat(read.get("skipCount").asLong()).isEqualTo(2);
        JsonNode job = runs.job(jobId);
        assertThat(job.get("rowsIngested").asLong()).isEqualTo(8);
        assertThat(job.get("errorCount").asLong()).isEqualTo(2);
        assertThat(run.get("rejectsFile").isNull()).as("rejectsFile of %s", run).isFalse();
        List<JsonNode> rejected = IngestionRuns.ndjson(
                IngestionRuns.storagePath(run.get("rejectsFile").asText()));
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("source").asText()).endsWith("/e_onebad.csv");
        assertThat(rejected.get(0).get("position").asText()).isEqualTo("record 2, line 3");
        assertThat(rejected.get(0).get("reason").asText()).isEqualTo("column 'visits' expects int32, got \"abc\"");
        // A value refused for a reason: the reason is kept (session 16).
        assertThat(rejected.get(1).get("position").asText()).isEqualTo("record 4, line 5");
        assertThat(rejected.get(1).get("reason").asText())
                .isEqualTo("column 'seen_at' expects timestamp_ms, got \"2016-12-31T23:59:60Z\" (second 60 is a leap"
                        + " second, which a timestamp does not hold; PostgreSQL reads it as 00:00:00 of the next day)");
    }

    @Test
    void filesRepeatingAKeyOfAKeyedAssetLeaveOneCurrentRowPerKeyTheLaterOne() throws Exception {
        Path drop = IngestionRuns.freshFolder("drop", "patients");
        Files.writeString(drop.resolve("a_day1.csv"), "user_id,zip\nP-1,02139\nP-2,02141\n");
        Files.writeString(drop.resolve("b_day2.csv"), "user_id,zip\nP-1,99999\nP-3,02142\nP-2,02143\n");
        String assetId = runs.createAsset(
                "dropit", "patients", List.of(primaryKey("user_id", "string"), column("zip", "string", true)));
        String jobId = runs.createJob(Map.of(
                        "name",
                        "drop_patients",
                        "targetAssetId",
                        assetId,
                        "chunkSize",
                        3,
                        "fileDrop",
                        Map.of("directory", drop.toString(), "glob", "*.csv")))
                .get("id")
                .asText();

        runs.runToCompletion(jobId);

        // P-1 twice in one chunk (its later row is staged), P-2 again in the next chunk (committed after it).
        assertThat(runs.allRows(assetId))
                .containsExactlyInAnyOrder(List.of("P-1", "99999"), List.of("P-2", "02143"), List.of("P-3", "02142"));
    }

    @Test
    void globsAndFoldersReachingOutsideTheSourceRootsAreInvalidInput() throws Exception {
        Path drop = IngestionRuns.freshFolder("drop", "guarded");
        Path outside = Files.createDirectories(IngestionRuns.inbox().getParent().resolve("outside_inbox"));
        Path link = IngestionRuns.inbox().resolve("link_to_outside");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        String assetId = runs.createAsset("dropit", "guarded", COLUMNS);

        JsonNode upGlob = createDropJob("drop_up_glob", assetId, drop.toString(), "../*.csv");
        JsonNode etc = createDropJob("drop_etc", assetId, "/etc", "*.csv");
        JsonNode dotDot = createDropJob("drop_dot_dot", assetId, IngestionRuns.inbox() + "/../outside_inbox", "*.csv");
        JsonNode throughLink = createDropJob("drop_link", assetId, link.toString(), "*.csv");

        // invalid-input names the field (contract); the value may be left out.
        assertThat(errorCode(upGlob)).isEqualTo("invalid-input");
        assertThat(message(upGlob)).startsWith("fileDrop.glob");
        assertThat(errorCode(etc)).isEqualTo("invalid-input");
        assertThat(message(etc)).startsWith("fileDrop.directory");
        assertThat(errorCode(dotDot)).as("%s", dotDot).isEqualTo("invalid-input");
        assertThat(message(dotDot)).startsWith("fileDrop.directory");
        assertThat(errorCode(throughLink)).as("%s", throughLink).isEqualTo("invalid-input");
        assertThat(message(throughLink)).startsWith("fileDrop.directory");
    }

    private JsonNode createDropJob(String name, String assetId, String directory, String glob) throws Exception {
        return runs.tryCreateJob(name, assetId, "fileDrop", Map.of("directory", directory, "glob", glob));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
