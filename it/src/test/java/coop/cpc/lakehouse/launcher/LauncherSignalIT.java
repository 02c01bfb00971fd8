package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/lakehouse}'s launcher as a real child process (the class bin/lakehouse runs, on the
 * build's class path, without the script's Maven step) on free ports, in a folder holding a copy of
 * the server the build provisioned: SIGTERM to the launcher, once the lakehouse is up or while
 * WildFly still boots, stops WildFly and the embedded PostgreSQL and leaves no process and no
 * listener behind. Whatever the outcome, each test kills what it started, by pid.
 */
class LauncherSignalIT {
    private static final Path DIR =
            Path.of(System.getProperty("lakehouse.it.dir", "target")).toAbsolutePath();
    private static final Path WORK = DIR.resolve("launcher-signal");
    private static final Duration READY = Duration.ofMinutes(4);
    /**
     * The launcher's stop: a CLI :shutdown of WildFly (SIGTERM while it boots), then pg_ctl stop. A
     * few seconds on a quiet machine; a launcher that waits out a failed :shutdown takes 60 s or more.
     */
    private static final Duration STOPPED = Duration.ofSeconds(45);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ProcessHandle> started = new ArrayList<>();
    private final Path work = WORK;
    private Process launcher;

    @BeforeAll
    static void copyTheProvisionedServer() throws Exception {
        ServerProvisioner.deleteRecursively(WORK);
        KillableWildFly.copyOf(
                DIR.resolve("wildfly"),
                WORK.resolve("var/wildfly-" + LauncherBuild.load().wildflyVersion()),
                0);
    }

    @AfterAll
    static void deleteTheServerCopy() throws Exception {
        // 350 MB; the launchers' output and the server logs stay for a look after a failure.
        ServerProvisioner.deleteRecursively(
                WORK.resolve("var/wildfly-" + LauncherBuild.load().wildflyVersion() + "/modules"));
    }

    @AfterEach
    void killWhatTheTestStarted() throws Exception {
        if (launcher == null) {
            return;
        }
        List<ProcessHandle> left = new ArrayList<>(started);
        left.addAll(launcher.descendants().toList());
        postgresProcesses().forEach(left::add);
        WildFlyServer.leftRunning(work.resolve("var/run")).ifPresent(left::add);
        left.add(launcher.toHandle());
        for (ProcessHandle process : left) {
            if (process.isAlive()) {
                System.err.println("LauncherSignalIT: killing left-over process " + process.pid() + " "
                        + process.info().command().orElse(""));
                process.destroyForcibly();
            }
        }
        for (ProcessHandle process : left) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermOnceTheLakehouseIsUpStopsWildFlyAndPostgresqlAndLeavesNoProcessAndNoListenerBehind() throws Exception {
        int[] ports = freePorts();
        Path output = work.resolve("launcher-up.log");
        launcher = launch(ports, output);
        awaitGraphQl(ports[1], output);
        recordServerProcesses(output);

        launcher.destroy(); // SIGTERM

        assertEverythingStopped(ports, output);
        assertThat(Files.readString(output)).contains("lakehouse ready in", "Stopping the lakehouse...", "Stopped.");
    }

    @Test
    void sigtermWhileWildFlyBootsStopsItAndPostgresqlWithoutWaitingForItsManagementInterface() throws Exception {
        int[] ports = freePorts();
        Path output = work.resolve("launcher-booting.log");
        launcher = launch(ports, output);
        Instant deadline = Instant.now().plus(READY);
        while (launcher.descendants().noneMatch(LauncherSignalIT::isWildFlyJvm)
                || postgresProcesses().findAny().isEmpty()) {
            if (!launcher.isAlive() || Instant.now().isAfter(deadline)) {
                fail("WildFly and PostgreSQL did not start:\n" + Files.readString(output));
            }
            Thread.sleep(50);
        }
        recordServerProcesses(output);
        assertThat(Files.readString(output)).as("still booting").doesNotContain("lakehouse ready in");

        launcher.destroy(); // SIGTERM

        assertEverythingStopped(ports, output);
        assertThat(Files.readString(output))
                .doesNotContain("lakehouse ready in")
                .contains("Stopped.");
    }

    private void recordServerProcesses(Path output) throws IOException {
        List<ProcessHandle> wildFly =
                launcher.descendants().filter(LauncherSignalIT::isWildFlyJvm).toList();
        List<ProcessHandle> postgres = postgresProcesses().toList();
        started.addAll(wildFly);
        started.addAll(postgres);
        assertThat(wildFly).as("the WildFly JVM under standalone.sh").hasSize(1);
        assertThat(postgres).as("the postmaster and its workers").isNotEmpty();
        assertThat(Files.readString(output))
                .as("the copy of the provisioned server is reused")
                .contains("Reusing WildFly");
    }

    private void assertEverythingStopped(int[] ports, Path output) throws Exception {
        Instant deadline = Instant.now().plus(STOPPED);
        assertThat(launcher.waitFor(STOPPED.toMillis(), TimeUnit.MILLISECONDS))
                .as("the launcher ends")
                .isTrue();
        for (ProcessHandle process : started) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (process.isAlive() && !left.isNegative()) {
                try {
                    process.onExit().get(left.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // reported below
                }
            }
        }
        assertThat(started.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> p.pid() + " " + p.info().command().orElse("")))
                .as("processes left running " + STOPPED.toSeconds() + " s after SIGTERM; launcher output:\n"
                        + Files.readString(output))
                .isEmpty();
        for (int port : ports) {
            assertThat(PortCheck.isFree(port))
                    .as("nothing listens on port " + port)
                    .isTrue();
        }
    }

    /**
     * The server JVM, not any java child: standalone.sh first runs short-lived {@code java -version}
     * probes, which a test that only looked for "a java process" once caught and then lost.
     */
    private static boolean isWildFlyJvm(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        boolean java = info.command().map(command -> command.endsWith("/java")).orElse(false);
        return java
                && info.arguments()
                        .map(arguments -> Stream.of(arguments).anyMatch(a -> a.endsWith("jboss-modules.jar")))
                        .orElse(false);
    }

    /** @param ports the database, HTTP and management port */
    private Process launch(int[] ports, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        launcherClassPath(),
                        // Recording the class data archive makes the server's exit slower once; not what is tested
                        // here.
                        "-D" + ClassDataArchive.ENABLED_PROPERTY + "=false",
                        "-Ddata_lakehouse.embedded_postgresql_port=" + ports[0],
                        "-Ddata_lakehouse.http_port=" + ports[1],
                        "-Ddata_lakehouse.management_port=" + ports[2],
                        LakehouseLauncher.class.getName(),
                        DIR.resolve("lakehouse.ear").toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Nothing of the test's environment may configure the launcher: defaults under work/, the ports above.
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DATA_LAKEHOUSE_") || name.startsWith("LAKEHOUSE_"));
        return builder.start();
    }

    /** The test class path holds the launcher (lakehouse-server-config) and its dependencies. */
    private static String launcherClassPath() {
        String classPath = System.getProperty("java.class.path");
        assertThat(classPath).as("the class path of the test JVM").contains(File.pathSeparator);
        return classPath;
    }

    private void awaitGraphQl(int httpPort, Path output) throws Exception {
        URI endpoint = URI.create("http://localhost:" + httpPort + "/lakehouse/graphql");
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                fail("The launcher ended with exit code " + launcher.exitValue() + ":\n" + Files.readString(output));
            }
            if (KillableWildFly.answers(http, endpoint)) {
                return;
            }
            Thread.sleep(250);
        }
        fail("GraphQL did not answer within " + READY.toSeconds() + " s:\n" + Files.readString(output));
    }

    /** The postmaster named by postmaster.pid in the launcher's data folder, and its workers. */
    private Stream<ProcessHandle> postgresProcesses() {
        return EmbeddedCatalogDatabase.runningPostmaster(work.resolve("var/postgres"))
                .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .orElseGet(Stream::empty);
    }

    /** A database, HTTP and management port, all free, the HTTPS port that follows the HTTP one too. */
    private static int[] freePorts() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[3];
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket;
                do {
                    socket = new ServerSocket(0);
                    held.add(socket);
                } while (i == 1 && !PortCheck.isFree(WildFlyServer.httpsPort(socket.getLocalPort())));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
