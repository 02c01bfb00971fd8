package coop.cpc.lakehouse.sled.cli;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.sled.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bin/sled-dump} as a user runs it, on the packaged jar. */
class SledDumpScriptIT {

    /** Failsafe runs in the module directory; the script lives at the repository root. */
    private static final Path SCRIPT =
            Path.of("..", "bin", "sled-dump").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"db1", "dbz", "db3-pristine"})
    void reproducesSledsOwnDumpByteForByte(String fixture) throws Exception {
        Run run = run(Fixtures.directory(fixture).toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(run.stdout())).isEqualTo(Fixtures.expectedDump(fixture));
    }

    @Test
    void dumpsWithAHeapSmallerThanTheDatabase() throws Exception {
        // db1 is 10 MB of files with a 1 MiB value; the reader streams leaves, so 8 MiB of heap suffice.
        Run run = run(
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx8m"), Fixtures.directory("db1").toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(run.stdout())).isEqualTo(Fixtures.expectedDump("db1"));
    }

    @Test
    void failsWithMessageOnStderrForDamagedDatabase() throws Exception {
        Path dir = Fixtures.copy("db1", temp.resolve("db1"));
        Files.write(dir.resolve("conf"), new byte[] {1, 2, 3});

        Run run = run(dir.toString());

        assertThat(run.exitCode()).isEqualTo(SledDump.EXIT_FAILURE);
        assertThat(run.stderr())
                .isEqualTo("sled-dump: " + dir.resolve("conf") + " at offset 0: conf is only 3 bytes long\n");
    }

    private record Run(int exitCode, Path stdout, String stderr) {}

    private Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(temp, "dump", ".tsv");
        Path stderr = Files.createTempFile(temp, "dump", ".err");
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("sled-dump finished")
                .isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
