package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.av1.Av1LosslessEncoder;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Version 1 golden files: for each type a schema, a CSV and the segment the CLI wrote from
 * them with --row-group-size 8. The writer must reproduce the segment byte for byte, and the
 * reader must give back the CSV exactly.
 *
 * <p>The AV1 payloads are part of the bytes, and the AV1 encoder may legitimately make other
 * choices as it improves (the format does not change; old files still read). So the bytes
 * are compared exactly while the encoder is the one that wrote the goldens (its fingerprint,
 * the hash of a few probe frames, is in {@code av1-encoder.sha256}); with another encoder,
 * everything but the AV1 bytes must still be equal: tags, chunk index, frame geometry and
 * every decoded sample. Rewrite the goldens and the fingerprint with
 * {@code mvn -pl columnar test -Dtest=GoldenFilesTest -Dlakehouse.golden.update=true}.
 */
class GoldenFilesTest {
    private static final String DIR = "/coop/cpc/lakehouse/columnar/v1/";
    private static final String FINGERPRINT = "av1-encoder.sha256";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("coop.cpc.lakehouse.columnar.GoldenSegmentFiles#v1Names")
    void writesAndReadsTheGoldenSegment(String name) throws Exception {
        GoldenSegmentFiles files = new GoldenSegmentFiles(DIR, tmp);
        Path schema = files.copy(name + ".schema.json");
        Path csv = files.copy(name + ".csv");
        byte[] golden = files.resource(name + ".webm");

        Path written = files.encode(schema, csv, 8);
        if (Boolean.getBoolean("lakehouse.golden.update")) {
            Files.copy(written, files.sourceFile(name + ".webm"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(files.sourceFile(FINGERPRINT), encoderFingerprint() + "\n");
            golden = Files.readAllBytes(written);
        }
        byte[] actual = Files.readAllBytes(written);
        if (encoderFingerprint().equals(new String(files.resource(FINGERPRINT), StandardCharsets.US_ASCII).trim())) {
            assertThat(actual).as("segment written from %s.csv", name).isEqualTo(golden);
        } else {
            assertThat(sameButAv1Bytes(actual, golden))
                    .as("%s.webm equals the golden one but for the AV1 bytes of another encoder", name)
                    .isTrue();
        }

        files.assertDecodesTo(golden, csv);
        Oracles.check(golden);
    }

    /** Whether two segments are equal but for their AV1 bytes: same tags, chunk index, geometry and samples. */
    private static boolean sameButAv1Bytes(byte[] a, byte[] b) throws IOException {
        WebmColumnar.ReadBuilder ra = WebmColumnar.read(a);
        WebmColumnar.ReadBuilder rb = WebmColumnar.read(b);
        SegmentMetadata ma = ra.metadata();
        SegmentMetadata mb = rb.metadata();
        if (!ma.schema().equals(mb.schema())
                || !java.util.Objects.equals(ma.title(), mb.title())
                || !ma.rowGroups().stream()
                        .map(RowGroupInfo::rows)
                        .toList()
                        .equals(mb.rowGroups().stream().map(RowGroupInfo::rows).toList())) {
            return false;
        }
        for (int t = 0; t < ma.tracks().size(); t++) {
            TrackInfo ta = ma.tracks().get(t);
            TrackInfo tb = mb.tracks().get(t);
            if (ta.bitDepth() != tb.bitDepth()
                    || ta.width() != tb.width()
                    || ta.height() != tb.height()
                    || !ChunkIndexView.of(ta).equals(ChunkIndexView.of(tb))) {
                return false;
            }
        }
        for (Column c : ma.schema().columns()) {
            List<int[]> fa = ra.samples(c.name());
            List<int[]> fb = rb.samples(c.name());
            if (fa.size() != fb.size()) {
                return false;
            }
            for (int i = 0; i < fa.size(); i++) {
                if (!java.util.Arrays.equals(fa.get(i), fb.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A comparable rendering of a track's chunk index. */
    private static final class ChunkIndexView {
        static String of(TrackInfo t) {
            StringBuilder sb = new StringBuilder();
            for (ChunkDescriptor d : t.chunks()) {
                sb.append(d.rows())
                        .append('/')
                        .append(d.nulls())
                        .append('/')
                        .append(d.mappingLabel())
                        .append('/')
                        .append(d.sampleCount())
                        .append('/')
                        .append(
                                d.hasStats()
                                        ? Values.format(t.column().type(), d.min()) + ".."
                                                + Values.format(t.column().type(), d.max())
                                        : "-");
                for (StreamDescriptor s : d.streams()) {
                    sb.append(';')
                            .append(s.length())
                            .append(',')
                            .append(java.util.Arrays.toString(s.first()))
                            .append(',')
                            .append(s.base())
                            .append(',')
                            .append(s.split())
                            .append(',')
                            .append(s.exceptions())
                            .append(',')
                            .append(s.limbs());
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    /** SHA-256 of the AV1 encoder's output for a few fixed probe frames at each bit depth. */
    static String encoderFingerprint() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        java.util.Random r = new java.util.Random(2026);
        for (int bits : new int[] {8, 10, 12}) {
            Av1LosslessEncoder encoder = new Av1LosslessEncoder(256, 16, bits);
            sha.update(encoder.codecConfigurationRecord());
            int[][] frames = new int[4][256 * 16];
            for (int i = 0; i < 256 * 16; i++) {
                frames[0][i] = i % 256 % (1 << bits);
                frames[1][i] = r.nextInt(1 << bits);
                frames[2][i] = r.nextInt(3);
                frames[3][i] = (i / 256 + r.nextInt(2)) % (1 << bits);
            }
            for (int[] f : frames) {
                sha.update(encoder.encodeFrame(f, 256, 16));
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
