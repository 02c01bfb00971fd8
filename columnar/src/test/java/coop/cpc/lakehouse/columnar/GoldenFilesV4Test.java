package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format version 4 golden file: a skewed category column with nulls, written by the CLI with --row-group-size
 * 4096, takes RANS_DICTIONARY in both row groups. As in {@link GoldenFilesTest}: the writer reproduces the file
 * byte for byte while the AV1 encoder is the one that wrote the goldens (the v1 fingerprint), the golden decodes
 * back to the CSV, and dav1d, aomdec and ffmpeg decode it bit-exactly. Rewrite with -Dlakehouse.golden.update=true.
 */
class GoldenFilesV4Test {
    private static final String DIR = "/coop/cpc/lakehouse/columnar/v4/";

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsTheVersion4GoldenSegment() throws Exception {
        GoldenSegmentFiles files = new GoldenSegmentFiles(DIR, tmp);
        byte[] golden = files.rewrittenGolden("category", 4096);

        assertThat(new String(golden, StandardCharsets.ISO_8859_1)).contains("webm-columnar/4");
        assertThat(WebmColumnar.read(golden).metadata().tracks().get(1).chunks())
                .extracting(ChunkDescriptor::encoding)
                .containsExactly(Encoding.RANS_DICTIONARY, Encoding.RANS_DICTIONARY);
        files.assertDecodesTo(golden, files.copy("category.csv"));
        Oracles.check(golden);
    }
}
