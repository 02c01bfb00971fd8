package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.cli.CliRunner;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format version 2 golden file: noisy columns written by the CLI with --row-group-size 256 take narrow
 * planes. As in {@link GoldenFilesTest}: the writer reproduces the file byte for byte while the AV1 encoder
 * is the one that wrote the goldens (the v1 fingerprint), the golden decodes back to the CSV, and dav1d,
 * aomdec and ffmpeg decode it bit-exactly. Rewrite with -Dlakehouse.golden.update=true.
 */
class GoldenFilesV2Test {
    private static final String DIR = "/coop/cpc/lakehouse/columnar/v2/";

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsTheVersion2GoldenSegment() throws Exception {
        Path schema = copy("noisy.schema.json");
        Path csv = copy("noisy.csv");
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
                "256");
        assertThat(enc.code()).as(enc.err()).isZero();
        if (Boolean.getBoolean("lakehouse.golden.update")) {
            Files.copy(
                    written, Path.of("src/test/resources" + DIR + "noisy.webm"), StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] golden = resource("noisy.webm");
        String fingerprint = new String(resource("../v1/av1-encoder.sha256"), StandardCharsets.US_ASCII).trim();
        if (GoldenFilesTest.encoderFingerprint().equals(fingerprint)) {
            assertThat(Files.readAllBytes(written))
                    .as("segment written from noisy.csv")
                    .isEqualTo(golden);
        }

        assertThat(new String(golden, StandardCharsets.ISO_8859_1)).contains("webm-columnar/2");
        assertThat(WebmColumnar.read(golden).metadata().tracks().get(0).chunks().get(0).streams().stream()
                        .mapToInt(StreamDescriptor::narrowPlanes)
                        .max()
                        .orElse(0))
                .isGreaterThanOrEqualTo(2);
        Path goldenFile = tmp.resolve("golden.webm");
        Files.write(goldenFile, golden);
        Path decoded = tmp.resolve("out.csv");
        CliRunner.Result dec =
                CliRunner.run("decode", "--input", goldenFile.toString(), "--output", decoded.toString());
        assertThat(dec.code()).as(dec.err()).isZero();
        assertThat(Files.readString(decoded, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(csv, StandardCharsets.UTF_8));
        Oracles.check(golden);
    }

    private Path copy(String resource) throws IOException {
        Path p = tmp.resolve(resource);
        Files.write(p, resource(resource));
        return p;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenFilesV2Test.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
