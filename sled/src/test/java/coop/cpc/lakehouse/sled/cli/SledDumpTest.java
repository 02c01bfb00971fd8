package coop.cpc.lakehouse.sled.cli;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.sled.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SledDumpTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SledDump.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsFixtureDumpAndExitsZero() {
        assertThat(run(Fixtures.directory("dbz").toString())).isZero();

        assertThat(out.toByteArray()).isEqualTo(Fixtures.expectedDump("dbz"));
        assertThat(err.size()).isZero();
    }

    @Test
    void explainsUsageWithoutArguments() {
        assertThat(run()).isEqualTo(SledDump.EXIT_USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("usage: sled-dump <sled database directory>\n");
    }

    @Test
    void reportsDamagedConfOnStderrWithNonZeroExit() throws IOException {
        Path dir = Fixtures.copy("db1", temp.resolve("db1"));
        byte[] conf = Files.readAllBytes(dir.resolve("conf"));
        conf[conf.length - 2] ^= 1;
        Files.write(dir.resolve("conf"), conf);

        assertThat(run(dir.toString())).isEqualTo(SledDump.EXIT_FAILURE);

        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("sled-dump: " + dir.resolve("conf") + " at offset 58: conf CRC mismatch\n");
    }

    @Test
    void reportsMissingDirectory() {
        assertThat(run(temp.resolve("absent").toString())).isEqualTo(SledDump.EXIT_FAILURE);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("sled-dump: cannot read " + temp.resolve("absent") + ": no such directory\n");
    }

    /** A closed pipe or a full disk: PrintStream swallows the error, so it was exit 0 with a cut dump. */
    @Test
    void failsWhenStdoutCannotBeWritten() {
        java.util.concurrent.atomic.AtomicLong attempts = new java.util.concurrent.atomic.AtomicLong();
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                attempts.incrementAndGet();
                throw new IOException("No space left on device");
            }
        };

        int code = SledDump.run(
                new String[] {Fixtures.directory("db1").toString()},
                new PrintStream(full, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(SledDump.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("sled-dump: cannot write output: standard output is closed or full\n");
        assertThat(attempts).as("stops at the first failed write").hasValue(1);
    }
}
