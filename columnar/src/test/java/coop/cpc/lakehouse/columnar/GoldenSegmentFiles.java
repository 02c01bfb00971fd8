package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.cli.CliRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The golden files of one format version (a resource folder) and the CLI round trip the golden tests
 * share: copy a schema and CSV out, encode them with the CLI, decode a golden segment back to CSV.
 *
 * @param dir the resource folder, e.g. {@code /coop/cpc/lakehouse/columnar/v1/}
 * @param tmp a scratch folder
 */
record GoldenSegmentFiles(String dir, Path tmp) {

    /** The version 1 golden segments, one per column type (the {@code <name>.schema.json}/{@code .csv}/{@code .webm} triples). */
    static Stream<String> v1Names() {
        return Stream.of(
                "bool",
                "int32",
                "int64",
                "float32",
                "float64",
                "decimal",
                "timestamp_ms",
                "timestamp_us",
                "date",
                "string",
                "bytes");
    }

    /** Where a golden file lives in the source tree, for rewriting it with -Dlakehouse.golden.update=true. */
    Path sourceFile(String name) {
        return Path.of("src/test/resources" + dir + name);
    }

    byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenSegmentFiles.class.getResourceAsStream(dir + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Copies a golden resource into the scratch folder, for the CLI to read. */
    Path copy(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, resource(name));
        return p;
    }

    /** Encodes the CSV with the CLI and returns the segment it wrote. */
    Path encode(Path schema, Path csv, int rowGroupSize) {
        Path written = tmp.resolve("out.webm");
        CliRunner.Result enc = CliRunner.run(
                "encode",
                "--schema",
                schema.toString(),
                "--input",
                csv.toString(),
                "--output",
                written.toString(),
                "--row-group-size",
                Integer.toString(rowGroupSize));
        assertThat(enc.code()).as(enc.err()).isZero();
        return written;
    }

    /**
     * The golden segment {@code name}.webm, after checking that the CLI writes {@code name}.csv with {@code
     * name}.schema.json back to it byte for byte while the AV1 encoder is the one that wrote the goldens (the v1
     * fingerprint); with -Dlakehouse.golden.update=true the written segment replaces the golden first.
     */
    byte[] rewrittenGolden(String name, int rowGroupSize) throws Exception {
        Path written = encode(copy(name + ".schema.json"), copy(name + ".csv"), rowGroupSize);
        if (Boolean.getBoolean("lakehouse.golden.update")) {
            Files.copy(written, sourceFile(name + ".webm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] golden = resource(name + ".webm");
        String fingerprint = new String(resource("../v1/av1-encoder.sha256"), StandardCharsets.US_ASCII).trim();
        if (GoldenFilesTest.encoderFingerprint().equals(fingerprint)) {
            assertThat(Files.readAllBytes(written))
                    .as("segment written from %s.csv", name)
                    .isEqualTo(golden);
        }
        return golden;
    }

    /** The CLI decodes the golden segment back to exactly the CSV. */
    void assertDecodesTo(byte[] golden, Path csv) throws IOException {
        Path goldenFile = tmp.resolve("golden.webm");
        Files.write(goldenFile, golden);
        Path decoded = tmp.resolve("out.csv");
        CliRunner.Result dec =
                CliRunner.run("decode", "--input", goldenFile.toString(), "--output", decoded.toString());
        assertThat(dec.code()).as(dec.err()).isZero();
        assertThat(Files.readString(decoded, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(csv, StandardCharsets.UTF_8));
    }
}
