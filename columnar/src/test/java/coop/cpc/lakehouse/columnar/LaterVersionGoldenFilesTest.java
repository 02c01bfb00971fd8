package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden files of the format versions after 1, one segment each, written by the CLI to show what the
 * version added. As in {@link GoldenFilesTest}: the writer reproduces the file byte for byte while the AV1
 * encoder is the one that wrote the goldens (the v1 fingerprint), the golden decodes back to the CSV, and
 * dav1d, aomdec and ffmpeg decode it bit-exactly. Rewrite with -Dlakehouse.golden.update=true.
 */
class LaterVersionGoldenFilesTest {

    @TempDir
    Path tmp;

    /** Version 2: noisy columns written with --row-group-size 256 take narrow planes. */
    @Test
    void writesAndReadsTheVersion2GoldenSegment() throws Exception {
        byte[] golden = checkedGolden(2, "noisy", 256);

        assertThat(Segments.firstChunk(golden).streams().stream()
                        .mapToInt(StreamDescriptor::narrowPlanes)
                        .max()
                        .orElse(0))
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * Version 4: a skewed category column with nulls, written with --row-group-size 4096, takes RANS_DICTIONARY in
     * both row groups.
     */
    @Test
    void writesAndReadsTheVersion4GoldenSegment() throws Exception {
        byte[] golden = checkedGolden(4, "category", 4096);

        assertThat(WebmColumnar.read(golden).metadata().tracks().get(1).chunks())
                .extracting(ChunkDescriptor::encoding)
                .containsExactly(Encoding.RANS_DICTIONARY, Encoding.RANS_DICTIONARY);
    }

    /**
     * The golden segment {@code name}.webm of folder {@code v<version>}, checked as every golden file is: written
     * again byte for byte, of that version, decoding back to {@code name}.csv, and through the oracles.
     */
    private byte[] checkedGolden(int version, String name, int rowGroupSize) throws Exception {
        GoldenSegmentFiles files = new GoldenSegmentFiles("/coop/cpc/lakehouse/columnar/v" + version + "/", tmp);
        byte[] golden = files.rewrittenGolden(name, rowGroupSize);

        assertThat(new String(golden, StandardCharsets.ISO_8859_1)).contains("webm-columnar/" + version);
        files.assertDecodesTo(golden, files.copy(name + ".csv"));
        Oracles.check(golden);
        return golden;
    }
}
