package coop.cpc.lakehouse.columnar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Oracles;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebmColumnarCliTest {
    private static final String SCHEMA = "[{\"name\":\"ts\",\"type\":\"timestamp_ms\",\"nullable\":false},"
            + "{\"name\":\"hr\",\"type\":\"float64\",\"nullable\":true},"
            + "{\"name\":\"unit\",\"type\":\"string\"}]";

    @TempDir
    Path tmp;

    Path schema;

    @BeforeEach
    void writeSchema() throws Exception {
        schema = Files.writeString(tmp.resolve("schema.json"), SCHEMA);
    }

    private CliRunner.Result encode(String csv) throws Exception {
        return encode(Files.writeString(tmp.resolve("in.csv"), csv), tmp.resolve("seg.webm"));
    }

    /** {@code webm-columnar encode} of the CSV with this test's schema, options after the files. */
    private CliRunner.Result encode(Path in, Path out, String... options) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("encode", "--schema", schema.toString(), "--input", in.toString(), "--output", out.toString()));
        args.addAll(List.of(options));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void encodingOnSeveralThreadsWritesTheSameSegmentAsOnOne() throws Exception {
        StringBuilder csv = new StringBuilder("ts,hr,unit\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(java.time.Instant.ofEpochSecond(1_700_000_000L + i * 7L))
                    .append(',')
                    .append(i % 13 == 3 ? "" : String.valueOf(50 + (i * 37 % 900) / 10.0))
                    .append(i % 3 == 0 ? ",bpm\n" : ",beats per minute\n");
        }
        Path in = Files.writeString(tmp.resolve("in.csv"), csv.toString());
        byte[][] written = new byte[2][];
        String[] threads = {"1", "3"};
        for (int i = 0; i < 2; i++) {
            Path out = tmp.resolve("seg" + i + ".webm");
            CliRunner.Result r = encode(in, out, "--row-group-size", "700", "--threads", threads[i]);
            assertThat(r.code()).as(r.err()).isZero();
            written[i] = Files.readAllBytes(out);
        }
        assertThat(written[1]).isEqualTo(written[0]);
    }

    @Test
    void encodesDecodesInspectsVerifiesAndDumpsSamples() throws Exception {
        StringBuilder csv = new StringBuilder("ts,hr,unit\n");
        for (int i = 0; i < 300; i++) {
            csv.append(java.time.Instant.ofEpochSecond(1_700_000_000L + i))
                    .append(',')
                    .append(i % 10 == 3 ? "" : String.valueOf(60 + (i % 40) / 10.0))
                    .append(",bpm\n");
        }
        assertThat(encode(csv.toString()).code()).isZero();
        Path seg = tmp.resolve("seg.webm");
        Oracles.check(Files.readAllBytes(seg));

        Path out = tmp.resolve("out.csv");
        assertThat(CliRunner.run("decode", "--input", seg.toString(), "--output", out.toString())
                        .code())
                .isZero();
        assertThat(Files.readString(out)).isEqualTo(csv.toString());

        CliRunner.Result projected =
                CliRunner.run("decode", "--input", seg.toString(), "--output", out.toString(), "--columns", "unit,ts");
        assertThat(projected.code()).isZero();
        assertThat(Files.readString(out)).startsWith("unit,ts\nbpm,2023-11-14T22:13:20Z\n");

        CliRunner.Result inspect = CliRunner.run("inspect", seg.toString());
        assertThat(inspect.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(inspect.out());
        assertThat(json.get("rows").asLong()).isEqualTo(300);
        assertThat(json.get("tracks").get(1).get("name").asText()).isEqualTo("hr");
        assertThat(json.get("tracks").get(1).get("nullCount").asLong()).isEqualTo(30);
        assertThat(json.get("tracks").get(1).get("chunks").get(0).get("mapping").asText())
                .startsWith("decimal_scaled(1):");
        assertThat(json.get("tracks").get(0).get("min").asText()).isEqualTo("2023-11-14T22:13:20Z");

        CliRunner.Result verify = CliRunner.run("verify", seg.toString());
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).startsWith("OK ");

        Path yuv = tmp.resolve("hr.yuv");
        assertThat(CliRunner.run("samples", "--input", seg.toString(), "--track", "hr", "--output", yuv.toString())
                        .code())
                .isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        var read = WebmColumnar.read(Files.readAllBytes(seg));
        for (int[] frame : read.samples("hr")) {
            expected.writeBytes(
                    SampleBytes.of(frame, read.metadata().tracks().get(1).bitDepth()));
        }
        assertThat(Files.readAllBytes(yuv)).isEqualTo(expected.toByteArray());
    }

    @Test
    void inspectPrintsTheFormatVersionTheSegmentIsTaggedWith() throws Exception {
        Schema few = Schema.of(new Column("unit", ColumnType.of(ColumnType.Kind.STRING), false));
        for (int version : new int[] {1, 3}) {
            Path seg = tmp.resolve("v" + version + ".webm");
            try (var out = Files.newOutputStream(seg);
                    var w = WebmColumnar.write(out)
                            .schema(few)
                            .formatVersion(version)
                            .build()) {
                for (int i = 0; i < 100; i++) {
                    w.add(i % 2 == 0 ? "bpm" : "beats per minute");
                }
            }
            String tagged = WebmColumnar.read(seg).metadata().format();
            assertThat(tagged).isEqualTo("webm-columnar/" + version);

            CliRunner.Result inspect = CliRunner.run("inspect", seg.toString());
            assertThat(inspect.code()).as(inspect.err()).isZero();
            assertThat(new ObjectMapper().readTree(inspect.out()).get("format").asText())
                    .isEqualTo(tagged);
        }
    }

    @Test
    void ignoresAByteOrderMarkBeforeTheHeader() throws Exception {
        assertThat(encode("\uFEFFts,hr,unit\n2024-01-01T00:00:00Z,72.5,bpm\n").code())
                .isZero();
        Oracles.check(Files.readAllBytes(tmp.resolve("seg.webm")));
    }

    @Test
    void namesTheLineAndColumnOfABadValue() throws Exception {
        CliRunner.Result r = encode("ts,hr,unit\n2024-01-01T00:00:00Z,72.5,bpm\n2024-01-01T00:00:01Z,fast,bpm\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo(
                        "webm-columnar: " + tmp.resolve("in.csv") + ": line 3, column 'hr': not a float64: 'fast'\n");
        assertThat(tmp.resolve("seg.webm")).doesNotExist();
    }

    @Test
    void namesTheLineOfANullInANonNullableColumn() throws Exception {
        CliRunner.Result r = encode("ts,hr,unit\n,72.5,bpm\n");
        assertThat(r.err())
                .isEqualTo("webm-columnar: " + tmp.resolve("in.csv")
                        + ": line 2, column 'ts': empty field (null) in a non-nullable column\n");
    }

    @Test
    void namesTheLineOfARowWithTheWrongFieldCount() throws Exception {
        CliRunner.Result r = encode("ts,hr,unit\n2024-01-01T00:00:00Z,72.5,bpm\n2024-01-01T00:00:01Z,72.5\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("webm-columnar: " + tmp.resolve("in.csv") + ": line 3: expected 3 fields, found 2\n");
    }

    @Test
    void namesTheLineOfAnUnterminatedQuote() throws Exception {
        CliRunner.Result r = encode("ts,hr,unit\n2024-01-01T00:00:00Z,72.5,\"bpm\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("webm-columnar: " + tmp.resolve("in.csv") + ": line 2: malformed CSV: ");
    }

    @Test
    void rejectsAHeaderThatDoesNotMatchTheSchema() throws Exception {
        CliRunner.Result r = encode("ts,heart,unit\n");
        assertThat(r.err())
                .isEqualTo("webm-columnar: " + tmp.resolve("in.csv")
                        + ": line 1: header [ts, heart, unit] does not match the schema's columns [ts, hr, unit]\n");
    }

    @Test
    void rejectsABadSchema() throws Exception {
        Files.writeString(schema, "[{\"name\":\"a\",\"type\":\"int64\"},{\"name\":\"b\",\"type\":\"float\"}]");
        CliRunner.Result r = encode("a,b\n1,2\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("webm-columnar: " + schema + ": schema column 2 (b): unknown type 'float'\n");
    }

    @Test
    void reportsACorruptSegment() throws Exception {
        Path bad = Files.write(tmp.resolve("bad.webm"), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0});
        CliRunner.Result r = CliRunner.run("verify", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("webm-columnar: file too short for a segment in EBML at offset 0 of " + bad + "\n");
    }

    @Test
    void printsUsageForAnUnknownCommand() {
        CliRunner.Result r = CliRunner.run("transcode");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("webm-columnar: unknown command 'transcode'\nusage: webm-columnar encode");
    }

    @Test
    void refusesARowGroupSizeAboveTheFormatBound() {
        CliRunner.Result r = CliRunner.run(
                "encode",
                "--schema",
                "s.json",
                "--input",
                "d.csv",
                "--output",
                "o.webm",
                "--row-group-size",
                "1048577");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("webm-columnar: --row-group-size must be from 1 to 1048576\nusage:");
    }

    private static final String ROWS = "ts,hr,unit\n2026-01-01T00:00:00Z,61.5,bpm\n2026-01-01T00:00:01Z,,bpm\n";

    @Test
    void decodeRefusesToWriteOverTheSegmentItReads() throws Exception {
        assertThat(encode(ROWS).code()).isZero();
        Path seg = tmp.resolve("seg.webm");
        byte[] before = Files.readAllBytes(seg);

        CliRunner.Result r = CliRunner.run("decode", "--input", seg.toString(), "--output", seg.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("webm-columnar: --output " + seg + " is the same file as the input " + seg + "\n");
        assertThat(Files.readAllBytes(seg)).isEqualTo(before);
    }

    @Test
    void encodeRefusesToWriteOverItsCsvOrSchema() throws Exception {
        Path in = Files.writeString(tmp.resolve("in.csv"), ROWS);

        assertThat(encode(in, in).code()).isEqualTo(2);
        assertThat(encode(in, schema).code()).isEqualTo(2);

        assertThat(Files.readString(in)).isEqualTo(ROWS);
        assertThat(Files.readString(schema)).isEqualTo(SCHEMA);
    }

    @Test
    void encodeRefusesAnOutputThatIsADirectoryAndLeavesNoTemporaryFile() throws Exception {
        Path in = Files.writeString(tmp.resolve("in.csv"), ROWS);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path full = Files.createDirectory(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");

        CliRunner.Result r = encode(in, empty);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("webm-columnar: --output " + empty + " is a directory\n");
        assertThat(encode(in, full).code()).isEqualTo(2);

        assertThat(empty).isEmptyDirectory();
        assertThat(full.resolve("keep.txt")).hasContent("keep");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("schema.json", "in.csv", "empty", "full");
        }
    }

    @Test
    void samplesOfAnUnknownTrackLeavesAnExistingOutputAlone() throws Exception {
        assertThat(encode(ROWS).code()).isZero();
        Path yuv = Files.writeString(tmp.resolve("hr.yuv"), "earlier samples");

        CliRunner.Result r = CliRunner.run(
                "samples",
                "--input",
                tmp.resolve("seg.webm").toString(),
                "--track",
                "heart",
                "--output",
                yuv.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(yuv).hasContent("earlier samples");
    }

    @Test
    void refusesAMistypedOrRepeatedOptionInsteadOfIgnoringIt() throws Exception {
        assertThat(encode(ROWS).code()).isZero();
        String seg = tmp.resolve("seg.webm").toString();
        Path csv = tmp.resolve("out.csv");

        CliRunner.Result typo = CliRunner.run("decode", "--input", seg, "--output", csv.toString(), "--colums", "hr");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).startsWith("webm-columnar: unknown option '--colums'\nusage:");

        CliRunner.Result twice = CliRunner.run(
                "decode", "--input", seg, "--output", csv.toString(), "--columns", "hr", "--columns", "ts");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).startsWith("webm-columnar: --columns given twice\nusage:");

        assertThat(csv).doesNotExist();
    }

    @Test
    void namesAnInputThatIsADirectoryAndAnOutputWithoutItsDirectory() throws Exception {
        Path in = Files.writeString(tmp.resolve("in.csv"), ROWS);
        Path dir = Files.createDirectory(tmp.resolve("dir"));

        CliRunner.Result input = encode(dir, tmp.resolve("seg.webm"));
        assertThat(input.code()).isEqualTo(2);
        assertThat(input.err()).startsWith("webm-columnar: --input " + dir + " is a directory, not a file\n");

        CliRunner.Result segment = CliRunner.run("verify", dir.toString());
        assertThat(segment.code()).isEqualTo(2);
        assertThat(segment.err()).startsWith("webm-columnar: segment " + dir + " is a directory, not a file\n");

        Path nowhere = tmp.resolve("absent").resolve("seg.webm");
        CliRunner.Result output = encode(in, nowhere);
        assertThat(output.code()).isEqualTo(2);
        assertThat(output.err())
                .startsWith("webm-columnar: --output " + nowhere + ": no such directory " + nowhere.getParent() + "\n");
    }
}
