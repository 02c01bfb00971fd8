package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stock tools see of a segment's metadata: ffprobe shows the Tags, mkvmerge keeps them. */
class StockToolsTest {
    @TempDir
    Path tmp;

    private Path segment() throws Exception {
        Schema schema = Schema.of(
                new Column("ts", ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), false),
                new Column("hr", ColumnType.of(ColumnType.Kind.FLOAT64), true));
        double[] hr = TestData.heartRate(500, new Random(21));
        byte[] seg = Segments.roundTrip(
                schema,
                TestData.rows(
                        TestData.column(500, 0, i -> Instant.ofEpochMilli(1_700_000_000_000L + 1000L * i)),
                        TestData.column(500, 50, i -> hr[i])),
                200);
        return Files.write(tmp.resolve("seg.webm"), seg);
    }

    @Test
    void ffprobeShowsTheSchemaAndColumnStatisticsAsTags() throws Exception {
        assumeFalse(Oracles.skipped(), "oracles skipped");
        Path seg = segment();
        String json = run("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", seg.toString());
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode format = root.get("format").get("tags");
        assertThat(format.get("LAKEHOUSE_FORMAT").asText()).isEqualTo("webm-columnar/1");
        assertThat(format.get("LAKEHOUSE_ROW_GROUPS").asText()).isEqualTo("200,200,100");
        JsonNode hr = root.get("streams").get(1);
        assertThat(hr.get("codec_name").asText()).isEqualTo("av1");
        assertThat(hr.get("tags").get("LAKEHOUSE_COLUMN").asText()).isEqualTo("hr");
        assertThat(hr.get("tags").get("LAKEHOUSE_NULL_COUNT").asText()).isEqualTo("10");
        assertThat(hr.get("tags").get("LAKEHOUSE_MAPPINGS").asText()).startsWith("decimal_scaled(1):");
    }

    @Test
    void mkvmergeKeepsTheTags() throws Exception {
        assumeFalse(Oracles.skipped(), "oracles skipped");
        Path seg = segment();
        Path remux = tmp.resolve("remux.webm");
        run("mkvmerge", "-q", "--webm", "-o", remux.toString(), seg.toString());
        String info = run("mkvinfo", "-a", remux.toString());
        assertThat(info).contains("LAKEHOUSE_SCHEMA").contains("LAKEHOUSE_MIN").contains("LAKEHOUSE_CHUNKS");
    }

    private String run(String... cmd) throws Exception {
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectErrorStream(false)
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("%s: %s", cmd[0], Files.readString(tmp.resolve("err.txt")))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
