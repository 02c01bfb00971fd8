package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        byte[] golden = files.rewrittenGolden("noisy", 256);

        assertThat(new String(golden, StandardCharsets.ISO_8859_1)).contains("webm-columnar/2");
        assertThat(Segments.firstChunk(golden).streams().stream()
                        .mapToInt(StreamDescriptor::narrowPlanes)
                        .max()
                        .orElse(0))
                .isGreaterThanOrEqualTo(2);
        files.assertDecodesTo(golden, files.copy("noisy.csv"));
        Oracles.check(golden);
    }
}
