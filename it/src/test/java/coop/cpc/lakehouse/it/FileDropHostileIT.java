package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A drop folder as a careless or hostile client uses it: a second job on the same folder, a CSV
 * whose last quote is never closed, a gzip file that inflates to one line far beyond the record
 * limit, JSON records that are no tree (a number out of range, a repeated name) in a file whose name
 * holds a backslash, and the target asset deleted in the middle of a run.
 */
class FileDropHostileIT extends DeployedEarFixture {
    private static final List<Map<String, Object>> COLUMNS =
            List.of(column("id", "int64", false), column("name", "string", true));

    @Test
    void aSecondJobOnTheSameOrAnOverlappingFolderIsRefused() throws Exception {
        Path drop = IngestionRuns.freshFolder("hostile_shared", "shared");
        Path inside = Files.createDirectories(drop.resolve("inside"));
        String assetId = runs.createAsset("hostile", "shared", COLUMNS);
        runs.createJob("shared_first", assetId, "fileDrop", Map.of("directory", drop.toString(), "glob", "*.csv"));

        for (Path folder : List.of(drop, inside, drop.getParent())) {
            assertThat(runs.refusedJob(
                            "shared_" + folder.getFileName(),
                            assetId,
                            "fileDrop",
                            Map.of("directory", folder.toString(), "glob", "*.ndjson")))
                    .startsWith("fileDrop.directory")
                    .contains("shared_first");
        }
        assertThat(runs.refusedJob(
                        "bad_glob",
                        assetId,
                        "fileDrop",
                        Map.of(
                                "directory",
                                IngestionRuns.freshFolder("hostile_globs").toString(),
                                "glob",
                                "[abc")))
                .startsWith("fileDrop.glob");
    }

    @Test
    void aBrokenLastRecordIsRejectedAndAFileThatCannotBeReadAsRecordsCommitsNothing() throws Exception {
        Path drop = IngestionRuns.freshFolder("hostile", "broken");
        Files.writeString(drop.resolve("a_tail.csv"), "id,name\n1,one\n2,two\n3,\"never closed\n");
        writeGzip(drop.resolve("b_huge.csv.gz"), "id,name\n100,before the long line\n101,", 3 << 20);
        String assetId = runs.createAsset("hostile", "broken", COLUMNS);
        String jobId = runs.createJob(
                        "broken_files",
                        assetId,
                        "fileDrop",
                        Map.of("directory", drop.toString(), "glob", "*".repeat(20) + ".{csv,csv.gz}"))
                .get("id")
                .asText();

        JsonNode run = runs.runToCompletion(jobId);

        assertThat(runs.allRows(assetId)).containsExactlyInAnyOrder(List.of("1", "one"), List.of("2", "two"));
        assertThat(names(drop.resolve("processed"))).containsExactly("a_tail.csv");
        assertThat(names(drop.resolve("quarantine")))
                .containsExactlyInAnyOrder("b_huge.csv.gz", "b_huge.csv.gz.reason");
        assertThat(Files.readString(drop.resolve("quarantine/b_huge.csv.gz.reason")))
                .contains("b_huge.csv.gz line 3: record 2 is longer than 1048576 characters (maxRecordBytes)");
        List<JsonNode> rejected = IngestionRuns.ndjson(
                IngestionRuns.storagePath(run.get("rejectsFile").asText()));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("position").asText()).isEqualTo("record 3, line 4");
        assertThat(rejected.get(0).get("reason").asText()).contains("not closed at the end of the file");
    }

    @Test
    void jsonRecordsThatAreNoTreeAreRejectedInAFileNamedWithABackslash() throws Exception {
        Path drop = IngestionRuns.freshFolder("hostile", "notrees");
        Files.writeString(
                drop.resolve("c\\d.ndjson"),
                "{\"id\":1,\"name\":\"one\"}\n{\"id\":2,\"x\":1e2147483648}\n{\"id\":3,\"id\":4}\n"
                        + "{\"id\":5,\"name\":\"five\"}\n");
        String assetId = runs.createAsset("hostile", "notrees", COLUMNS);
        String jobId = runs.createJob(
                        "no_trees", assetId, "fileDrop", Map.of("directory", drop.toString(), "glob", "*.ndjson"))
                .get("id")
                .asText();

        JsonNode run = runs.runToCompletion(jobId);

        assertThat(runs.allRows(assetId)).containsExactlyInAnyOrder(List.of("1", "one"), List.of("5", "five"));
        assertThat(names(drop.resolve("processed"))).containsExactly("c\\d.ndjson");
        List<JsonNode> rejected = IngestionRuns.ndjson(
                IngestionRuns.storagePath(run.get("rejectsFile").asText()));
        assertThat(rejected)
                .extracting(
                        r -> r.get("position").asText() + ": " + r.get("reason").asText())
                .containsExactly(
                        "record 2, line 2, column 1: number 1e2147483648 is out of range: its exponent is too large",
                        "record 3, line 3, column 1: field 'id' appears twice in one object");
    }

    @Test
    void deletingTheTargetAssetDuringARunFailsItCleanlyAndLeavesNoFileBehind() throws Exception {
        Path drop = IngestionRuns.freshFolder("hostile", "deleted");
        Path assetFiles = IngestionRuns.storagePath("hostile/deleted");
        ServerProvisioner.deleteRecursively(assetFiles);
        String assetId = runs.createAsset("hostile", "deleted", COLUMNS);
        Files.writeString(drop.resolve("first.csv"), "id,name\n1,first\n");
        String jobId = runs.createJob(Map.of(
                        "name",
                        "deleted_target",
                        "targetAssetId",
                        assetId,
                        "chunkSize",
                        200,
                        "fileDrop",
                        Map.of("directory", drop.toString(), "glob", "*.csv")))
                .get("id")
                .asText();
        runs.runToCompletion(jobId);
        assertThat(webmFiles(assetFiles)).isNotEmpty();

        int files = 12;
        for (int f = 0; f < files; f++) {
            StringBuilder csv = new StringBuilder("id,name\n");
            for (int i = 0; i < 4000; i++) {
                csv.append(f * 10_000 + i).append(",row ").append(i).append('\n');
            }
            Files.writeString(drop.resolve("bulk_" + f + ".csv"), csv);
        }
        String executionId = runs.start(jobId);
        awaitStagedChunks(executionId);
        assertThat(graphql.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", assetId))
                        .get("deleteAsset")
                        .asText())
                .isEqualTo(assetId);

        JsonNode ended = awaitEndTime(runs.awaitEnd(executionId));

        assertThat(ended.get("batchStatus").asText()).as("%s", ended).isEqualTo("FAILED");
        String exit = ended.get("exitStatus").asText();
        assertThat(exit)
                .startsWith("FAILED: the target asset was deleted during the run; nothing was committed; ")
                .endsWith("claimed file(s) went back to the drop folder")
                .doesNotContain("Exception", "coop.cpc", "foreign key");
        assertThat(webmFiles(assetFiles)).as("files of the deleted asset").isEmpty();
        assertThat(regularFiles(drop.resolve("processing"))).isEmpty();
        assertThat(names(drop).stream().filter(n -> n.startsWith("bulk_")).count())
                .isEqualTo(files);
        assertThat(names(drop.resolve("processed"))).containsExactly("first.csv");
    }

    /**
     * The batch status turns FAILED before the job's listeners have run; the one that gives the
     * claimed files back then completes the exit status.
     */
    private JsonNode awaitEndTime(JsonNode execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!execution.get("exitStatus").asText().contains("went back")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            execution = runs.execution(execution.get("executionId").asText());
        }
        return execution;
    }

    /** Waits until the run has staged at least one chunk, so the delete lands in the middle of it. */
    private void awaitStagedChunks(String executionId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode execution = runs.execution(executionId);
            for (JsonNode step : execution.get("steps")) {
                if (step.get("name").asText().equals("read")
                        && step.get("commitCount").asLong() > 0) {
                    return;
                }
            }
            assertThat(execution.get("batchStatus").asText())
                    .as("%s", execution)
                    .isIn("STARTING", "STARTED");
            Thread.sleep(50);
        }
        throw new AssertionError("execution " + executionId + " staged nothing within 60 s");
    }

    private static void writeGzip(Path file, String head, int longLine) throws IOException {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            for (int written = 0; written < longLine; written += block.length) {
                out.write(block);
            }
            out.write("\n102,after\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** The segment files under {@code dir} (none when it does not exist). */
    static List<Path> webmFiles(Path dir) throws IOException {
        return regularFiles(dir).stream()
                .filter(p -> p.getFileName().toString().contains(".webm"))
                .toList();
    }
}
