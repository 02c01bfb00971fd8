package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
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
        GoldenSegmentFiles files = new GoldenSegmentFiles(DIR, tmp);
        Path schema = files.copy("noisy.schema.json");
        Path csv = files.copy("noisy.csv");
        Path written = files.encode(schema, csv, 256);
        if (Boolean.getBoolean("lakehouse.golden.update")) {
            Files.copy(written, files.sourceFile("noisy.webm"), StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] golden = files.resource("noisy.webm");
        String fingerprint = new String(files.resource("../v1/av1-encoder.sha256"), StandardCharsets.US_ASCII).trim();
        if (GoldenFilesTest.encoderFingerprint().equals(fingerprint)) {
            assertThat(Files.readAllBytes(written))
                    .as("segment written from noisy.csv")
                    .isEqualTo(golden);
        }

        assertThat(new String(golden, StandardCharsets.ISO_8859_1)).contains("webm-columnar/2");
        assertThat(Segments.firstChunk(golden).streams().stream()
                        .mapToInt(StreamDescriptor::narrowPlanes)
                        .max()
                        .orElse(0))
                .isGreaterThanOrEqualTo(2);
        files.assertDecodesTo(golden, csv);
        Oracles.check(golden);
    }
}
