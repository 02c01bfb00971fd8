package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.SyntheticDatabase.FREE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.SEGMENT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery keeps every intact message it finds past the damage that cuts a segment short, to check later that none
 * was the newest write of its page. A crafted log of segments damaged at their first message is then almost all such
 * messages, of about 10 bytes each: kept as objects they took some 70 bytes of heap each, seven times the log. They
 * must be kept as (pid, LSN) pairs, so that reading the log fits a heap well below that.
 */
class CutSegmentsMemoryTest {

    /** 12 MiB of log, about 1.2 million messages past damage: some 80 MB of heap as objects, 30 MB as pairs. */
    private static final int SEGMENTS = 12 * 1024;

    private static final String HEAP = "-Xmx64m";

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    @Test
    void aLogOfSegmentsCutAtTheirFirstMessageIsRefusedWithinASixtyFourMibHeap() throws Exception {
        Path dir = craftedLog();

        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path")
                                + File.pathSeparator
                                + System.getProperty("surefire.test.class.path", ""),
                        "coop.cpc.lakehouse.sled.cli.SledDump",
                        dir.toString())
                .redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile())
                .start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("sled-dump finished")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        String stdout = Files.readString(temp.resolve("out"), StandardCharsets.UTF_8);
        String stderr = Files.readString(temp.resolve("err"), StandardCharsets.UTF_8);
        // -XX:+ExitOnOutOfMemoryError exits with 3 and says so on stdout.
        assertThat(process.exitValue())
                .as("sled-dump's exit status within %s; stdout: %.500s; stderr: %.500s", HEAP, stdout, stderr)
                .isEqualTo(1);
        assertThat(stderr)
                .contains(dir.resolve("db") + " at offset 20: damaged message hides the newest write of page 2");
    }

    /** Each segment: a Free whose CRC is damaged, then intact Frees to its end; the last segment says all were durable. */
    private Path craftedLog() throws IOException {
        SyntheticDatabase db = new SyntheticDatabase();
        long lastLsn = (long) SEGMENTS * SEGMENT_SIZE;
        db.segment(SEGMENTS, lastLsn, lastLsn).seal();
        for (int slot = 0; slot < SEGMENTS; slot++) {
            SyntheticDatabase.Segment segment = db.segment(slot, (long) slot * SEGMENT_SIZE, -1);
            long damaged = segment.append(FREE, 2, EMPTY);
            db.flipBit(damaged, 0);
            for (int pid = 2; segment.nextLsn() - (long) slot * SEGMENT_SIZE < SEGMENT_SIZE - 48; pid++) {
                segment.append(FREE, pid, EMPTY);
            }
        }
        return db.writeTo(temp.resolve("db"));
    }
}
