package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Independent decoders as oracles: the IVF files this encoder writes must decode in dav1d and aomdec to
 * exactly the input samples. Skipped only when {@code -Dlakehouse.oracles=skip}.
 */
class Av1OracleTest {
    private static final int[][] SIZES = {{256, 64}, {1, 1}, {7, 3}, {65, 130}, {200, 8}, {33, 47}};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(ints = {8, 10, 12})
    void dav1dAndAomdecDecodeEveryFrameToExactlyTheInputSamples(int bitDepth) throws Exception {
        requireTool("dav1d", "--version");
        requireTool("aomdec", "--help");
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(256, 130, bitDepth);
        Path ivf = dir.resolve("frames" + bitDepth + ".ivf");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<String> patterns = List.of(TestFrames.PATTERNS);
        try (OutputStream out = Files.newOutputStream(ivf)) {
            IvfWriter writer = new IvfWriter(out, 256, 130, SIZES.length * patterns.size());
            int frameNo = 0;
            for (int[] size : SIZES) {
                for (String pattern : patterns) {
                    int[] samples = TestFrames.generate(pattern, size[0], size[1], bitDepth, frameNo);
                    byte[] frame = encoder.encodeFrame(samples, size[0], size[1]);
                    writer.writeFrame(IvfWriter.temporalUnit(encoder.sequenceHeaderObu(), frame), frameNo++);
                    for (int v : samples) {
                        expected.write(v & 0xFF);
                        if (bitDepth > 8) {
                            expected.write(v >>> 8);
                        }
                    }
                }
            }
        }
        Path dav1dOut = dir.resolve("dav1d.yuv");
        run(List.of("dav1d", "-q", "-i", ivf.toString(), "-o", dav1dOut.toString()));
        assertThat(Files.readAllBytes(dav1dOut)).as("dav1d output").isEqualTo(expected.toByteArray());

        Path aomOut = dir.resolve("aomdec.yuv");
        List<String> aom = new ArrayList<>(List.of("aomdec", "--rawvideo", "-o", aomOut.toString()));
        if (bitDepth > 8) {
            aom.add("--output-bit-depth=" + bitDepth);
        }
        aom.add(ivf.toString());
        run(aom);
        assertThat(Files.readAllBytes(aomOut)).as("aomdec output").isEqualTo(expected.toByteArray());
    }

    private static void requireTool(String tool, String probeArg) {
        boolean skip = "skip".equals(System.getProperty("lakehouse.oracles"));
        try {
            Process p =
                    new ProcessBuilder(tool, probeArg).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            if (skip) {
                Assumptions.abort(tool + " is not installed and lakehouse.oracles=skip");
            }
            fail(tool + " is missing: install dav1d (apt-get install dav1d aom-tools)", e);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(0) + " did not finish");
        }
        assertThat(p.exitValue()).as(command + ": " + new String(log)).isZero();
    }
}
