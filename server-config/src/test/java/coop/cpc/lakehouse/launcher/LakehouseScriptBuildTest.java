package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When bin/lakehouse builds: a run rebuilds what a changed source made out of date; the subcommands that
 * start no server (token, rollback-catalog) use the existing build, so they can be used while a server
 * runs, and build only when nothing is built. The real script runs in a copy of the project's layout,
 * with stand-ins for mvn and java on the PATH that only record how they were called.
 */
class LakehouseScriptBuildTest {

    @TempDir
    Path project;

    private Path calls;

    @BeforeEach
    void layOutABuiltProjectWithANewerSource() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin/lakehouse");
        assertThat(script).as("bin/lakehouse beside this module").exists();
        Files.createDirectories(project.resolve("bin"));
        Files.copy(script, project.resolve("bin/lakehouse"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path ear = touch("ear/target/lakehouse.ear");
        touch("liberty/target/lakehouse-liberty.ear");
        touch("server-config/target/lakehouse-server-config.jar");
        Instant built = Instant.now().minusSeconds(3600);
        Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(ear, FileTime.from(built));
        Files.setLastModifiedTime(project.resolve("liberty/target/lakehouse-liberty.ear"), FileTime.from(built));
        touch("web/src/main/java/Changed.java"); // newer than the build

        calls = project.resolve("calls.log");
        Path fakeBin = Files.createDirectories(project.resolve("fake-bin"));
        for (String tool : List.of("mvn", "java")) {
            Path stub = fakeBin.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void tokenUsesTheExistingBuildEvenWhenASourceIsNewer() throws Exception {
        List<String> called = run("token", "--user", "alice", "--roles", "viewer");

        assertThat(called).noneMatch(line -> line.startsWith("mvn"));
        assertThat(called).anyMatch(line -> line.startsWith("java") && line.contains("token --user alice"));
    }

    @Test
    void rollbackCatalogUsesTheExistingBuildOnBothServers() throws Exception {
        assertThat(run("rollback-catalog")).noneMatch(line -> line.startsWith("mvn"));
        assertThat(run("--server", "liberty", "rollback-catalog")).noneMatch(line -> line.startsWith("mvn"));
    }

    @Test
    void aRunRebuildsWhatANewerSourceMadeOutOfDate() throws Exception {
        assertThat(run()).first().asString().startsWith("mvn -q -B install -DskipTests -pl ear,server-config");
        Files.delete(calls);
        assertThat(run("--server", "liberty")).first().asString().startsWith("mvn -q -B install");
        Files.delete(calls);
        assertThat(run("run")).first().asString().startsWith("mvn -q -B install");
    }

    @Test
    void tokenBuildsWhenNothingIsBuilt() throws Exception {
        Files.delete(project.resolve("server-config/target/lakehouse-server-config.jar"));

        assertThat(run("token", "--user", "alice", "--roles", "viewer"))
                .first()
                .asString()
                .startsWith("mvn");
    }

    private Path touch(String relative) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        return file;
    }

    private List<String> run(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", project.resolve("bin/lakehouse").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", project.resolve("fake-bin") + ":/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/lakehouse did not end: " + output);
        }
        assertThat(process.exitValue())
                .as("exit of bin/lakehouse; output: " + output)
                .isZero();
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
