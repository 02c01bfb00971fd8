package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import coop.cpc.lakehouse.columnar.cli.SampleBytes;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stock tools as oracles: ffprobe and mkvinfo must accept a segment; dav1d and aomdec
 * (on each track extracted to IVF by mkvextract) and ffmpeg (straight from the WebM) must
 * decode every track to exactly our decoder's samples.
 * With -Dlakehouse.oracles=skip they are not run; a missing tool is a failure that says what
 * to install.
 */
public final class Oracles {
    private static final String INSTALL = "apt-get install ffmpeg mkvtoolnix dav1d aom-tools";
    private static final List<String> TOOLS = List.of("ffprobe", "ffmpeg", "mkvinfo", "mkvextract", "dav1d", "aomdec");

    private Oracles() {}

    public static boolean skipped() {
        return "skip".equals(System.getProperty("lakehouse.oracles"));
    }

    /** Runs every oracle on the segment unless oracles are skipped. */
    public static void check(byte[] segment) throws IOException, InterruptedException {
        if (skipped()) {
            return;
        }
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                fail("oracle tool '" + tool + "' is not installed: " + INSTALL
                        + " (or run with -Dlakehouse.oracles=skip)");
            }
        }
        Path dir = Files.createTempDirectory("webm-oracle");
        try {
            Path file = dir.resolve("seg.webm");
            Files.write(file, segment);
            Result probe = run(dir, "ffprobe", "-v", "error", "-show_format", "-show_streams", file.toString());
            assertThat(probe.code)
                    .as("ffprobe exit code; stderr: %s", probe.err)
                    .isZero();
            assertThat(probe.err).as("ffprobe errors").isEmpty();
            Result info = run(dir, "mkvinfo", "-a", file.toString());
            assertThat(info.code).as("mkvinfo exit code; output: %s", info.out).isZero();
            assertThat(info.out)
                    .as("mkvinfo output")
                    .doesNotContain("Error")
                    .doesNotContain("Warning")
                    .contains("+ Tags")
                    .contains("V_AV1");

            SegmentMetadata m = WebmColumnar.read(segment).metadata();
            List<String> extract = new ArrayList<>(List.of("mkvextract", file.toString(), "tracks"));
            for (int t = 0; t < m.tracks().size(); t++) {
                extract.add(t + ":" + dir.resolve("t" + t + ".ivf"));
            }
            Result x = run(dir, extract.toArray(String[]::new));
            assertThat(x.code).as("mkvextract exit code; output: %s", x.out).isZero();
            WebmColumnar.ReadBuilder reader = WebmColumnar.read(segment);
            for (int t = 0; t < m.tracks().size(); t++) {
                String name = m.schema().column(t).name();
                ByteArrayOutputStream ours = new ByteArrayOutputStream();
                for (int[] frame : reader.samples(name)) {
                    ours.writeBytes(SampleBytes.of(frame, m.tracks().get(t).bitDepth()));
                }
                Path ivf = dir.resolve("t" + t + ".ivf");
                Path dav1d = dir.resolve("t" + t + ".dav1d.yuv");
                Result d = run(dir, "dav1d", "-q", "-i", ivf.toString(), "-o", dav1d.toString());
                assertThat(d.code).as("dav1d on track %s: %s", name, d.err).isZero();
                assertThat(Arrays.equals(Files.readAllBytes(dav1d), ours.toByteArray()))
                        .as("dav1d samples of track %s equal ours", name)
                        .isTrue();
                Path aom = dir.resolve("t" + t + ".aom.yuv");
                Result a = run(dir, "aomdec", "--rawvideo", "-o", aom.toString(), ivf.toString());
                assertThat(a.code).as("aomdec on track %s: %s", name, a.err).isZero();
                assertThat(Arrays.equals(Files.readAllBytes(aom), ours.toByteArray()))
                        .as("aomdec samples of track %s equal ours", name)
                        .isTrue();
                // ffmpeg reads the WebM itself (its Matroska demuxer, then libdav1d): no IVF in between.
                Path raw = dir.resolve("t" + t + ".ffmpeg.raw");
                Result f = run(
                        dir,
                        "ffmpeg",
                        "-v",
                        "error",
                        "-i",
                        file.toString(),
                        "-map",
                        "0:" + t,
                        "-fps_mode",
                        "passthrough",
                        "-f",
                        "rawvideo",
                        raw.toString());
                assertThat(f.code).as("ffmpeg on track %s: %s", name, f.err).isZero();
                assertThat(Arrays.equals(Files.readAllBytes(raw), ours.toByteArray()))
                        .as("ffmpeg samples of track %s equal ours", name)
                        .isTrue();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((p, q) -> q.compareTo(p)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int code, String out, String err) {}

    private static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd[0] + " did not finish in 60 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
