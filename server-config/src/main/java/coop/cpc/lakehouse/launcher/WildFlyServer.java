package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A provisioned WildFly run as a child process: deploy, start, wait for the deployment, stop. */
final class WildFlyServer {
    private static final String DEPLOYMENT = "lakehouse.ear";
    /** The server JVM's pid, written by standalone.sh: tells a later start about a server left running. */
    static final String PID_FILE = "wildfly.pid";

    private static final Duration CLI_SHUTDOWN_WAIT = Duration.ofSeconds(45);
    private static final Duration SIGTERM_WAIT = Duration.ofSeconds(20);
    /** The exit of a JVM that records the class data archive writes about 130 MB first. */
    private static final Duration RECORDING_EXIT_WAIT = Duration.ofMinutes(3);

    private final Path home;
    /** WildFly's own distance between its HTTP (8080) and HTTPS (8443) ports. */
    private static final int HTTPS_PORT_DISTANCE = 363;

    private final int httpPort;
    private final int managementPort;
    private final ClassDataArchive classData;
    private final ServerHeap heap;
    private Process process;
    private volatile boolean deployed;

    WildFlyServer(Path home, int httpPort, int managementPort, ServerHeap heap) {
        this.home = home;
        this.heap = heap;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.classData = ClassDataArchive.of(home);
    }

    /** Copies the EAR into the deployment scanner's folder, replacing an older copy. */
    void deploy(Path ear) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        for (String suffix : new String[] {".deployed", ".failed", ".undeployed", ".isdeploying", ".pending"}) {
            Files.deleteIfExists(deployments.resolve(DEPLOYMENT + suffix));
        }
        Files.copy(ear, deployments.resolve(DEPLOYMENT), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code standalone.sh} of {@code home} with the standalone.xml profile, the system properties of
     * {@code propertiesFile} and {@code arguments} (ports), its output appended to {@code consoleLog}, the
     * JVM in the foreground of the script's process group. Hot redeploys and Debezium need more than the
     * default 512 MB heap. The heap is committed whole from the start (-Xms equal to -Xmx): grown from a small
     * initial heap, G1 ran a concurrent marking cycle every second or two while a CDC stream caught up on a
     * backlog (docs/cdc.md, Benchmark). The young generation is fixed (-Xmn): left to G1's pause-time sizing on a
     * busy machine it shrank to about 50 MB. It is 1 GB of a 2 GB heap: Debezium allocates about 18 KB per change
     * (about 18 GB per million), and with 320 MB of a 1 GB heap a young collection ran every few hundred ms while
     * a stream caught up, each copying the records waiting in Debezium's queue and the batch being committed,
     * which overflowed the survivor space into the old generation, where G1 then marked and collected them in
     * mixed collections (the collector's CPU a fifth of the server's). The heap's size is {@code heap}
     * ({@code server_heap_mb}); {@code jvmOptions} come after its flags, and the options of a {@code JAVA_OPTS} of
     * the caller's environment last; a heap flag among those replaces the heap's (see {@link #sizeJvm}).
     */
    static ProcessBuilder standalone(
            Path home,
            Path propertiesFile,
            Path consoleLog,
            ServerHeap heap,
            List<String> jvmOptions,
            String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone.xml",
                "-P",
                propertiesFile.toUri().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        sizeJvm(builder.environment(), heap, jvmOptions);
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        return builder;
    }

    /**
     * Puts the heap's flags, then the metaspace's, then {@code jvmOptions}, then the options of a {@code JAVA_OPTS}
     * of the caller's environment in standalone.conf's {@code JBOSS_JAVA_SIZING}, and takes {@code JAVA_OPTS} out:
     * with it set, standalone.conf would drop the sizing and its own defaults. The caller's options reach the
     * server; when they set the heap ({@code -Xms}, {@code -Xmx} or {@code -Xmn}), they size it alone and the
     * heap's flags are left out (a caller's {@code -Xmx} below the heap's {@code -Xms} would stop the JVM).
     */
    static void sizeJvm(Map<String, String> environment, ServerHeap heap, List<String> jvmOptions) {
        List<String> callers = callersOptions(environment.remove("JAVA_OPTS"));
        boolean callerSizesHeap = callers.stream().anyMatch(ServerHeap::isHeapFlag);
        environment.put(
                "JBOSS_JAVA_SIZING",
                String.join(
                        " ",
                        Stream.of(
                                        callerSizesHeap ? Stream.<String>empty() : heap.flags().stream(),
                                        Stream.of("-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=512m"),
                                        jvmOptions.stream(),
                                        callers.stream())
                                .flatMap(options -> options)
                                .toList()));
    }

    private static List<String> callersOptions(String javaOpts) {
        return javaOpts == null
                ? List.of()
                : Stream.of(javaOpts.trim().split("\\s+"))
                        .filter(o -> !o.isEmpty())
                        .toList();
    }

    /**
     * Starts the server with {@code systemProperties} passed in a file readable only by the owner,
     * so secrets appear neither on the command line nor in standalone.xml.
     */
    void start(Map<String, String> systemProperties, Path runDirectory, Path consoleLog) throws IOException {
        Files.createDirectories(runDirectory);
        Path propertiesFile = runDirectory.resolve("server.properties");
        writeOwnerOnlyProperties(
                propertiesFile, systemProperties, "System properties of the lakehouse server, written by the launcher");
        ProcessBuilder builder = standalone(
                home,
                propertiesFile,
                consoleLog,
                heap,
                classData.jvmOptions(),
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + httpsPort(httpPort),
                "-Djboss.management.http.port=" + managementPort);
        // The JDK of the launcher, which the class data archive belongs to.
        builder.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment()
                .put("JBOSS_PIDFILE", runDirectory.resolve(PID_FILE).toString());
        process = builder.start();
    }

    /** Writes {@code systemProperties} to a new {@code file} that only its owner can read and write. */
    static void writeOwnerOnlyProperties(Path file, Map<String, String> systemProperties, String comment)
            throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(systemProperties);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, comment);
        }
    }

    /**
     * The port of WildFly's HTTPS listener (self-signed; the lakehouse does not use it): follows
     * http_port as a port offset would (8443 for 8080), so that two servers with different HTTP ports
     * do not meet there. A listener that fails to bind fails the server's boot.
     */
    static int httpsPort(int httpPort) {
        int https = httpPort + HTTPS_PORT_DISTANCE;
        return https <= 65535 ? https : httpPort - HTTPS_PORT_DISTANCE;
    }

    /** Completes when standalone.sh has exited (the server JVM is gone by then, or was killed). */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The live server JVM named by the pid file in {@code runDirectory}, left running by an earlier launcher. */
    static Optional<ProcessHandle> leftRunning(Path runDirectory) {
        try {
            String pid = Files.readString(runDirectory.resolve(PID_FILE)).trim();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    /** Waits until the deployment scanner reports the EAR deployed; fails if it failed or the server died. */
    void awaitDeployment(Duration timeout, Path consoleLog) throws IOException, InterruptedException {
        Path deployments = home.resolve("standalone/deployments");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve(DEPLOYMENT + ".deployed"))) {
                deployed = true;
                return;
            }
            Path failed = deployments.resolve(DEPLOYMENT + ".failed");
            if (Files.exists(failed)) {
                throw new IOException("The lakehouse failed to deploy:\n" + Files.readString(failed) + "\nServer log: "
                        + home.resolve("standalone/log/server.log"));
            }
            if (!process.isAlive()) {
                throw new IOException("WildFly exited with code " + process.exitValue() + "; see " + consoleLog);
            }
            Thread.sleep(100);
        }
        throw new IOException("The lakehouse was not deployed within " + timeout.toSeconds() + " s; see " + consoleLog);
    }

    /**
     * Asks the server to shut down through its management interface (killing standalone.sh would
     * leave the server JVM running). A server still booting has no management interface yet, and
     * one that does not stop in time gets SIGTERM (WildFly's own graceful stop); SIGKILL is the last
     * resort. Returns when no process of the server is left.
     */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        // Taken now: once standalone.sh is gone, the JVM it started is no longer its descendant.
        List<ProcessHandle> serverProcesses = process.descendants().toList();
        boolean managementListening = !PortCheck.isFree(managementPort);
        Duration exitWait = classData.isRecording() ? RECORDING_EXIT_WAIT : CLI_SHUTDOWN_WAIT;
        boolean stoppedCleanly = managementListening
                && shutdownThroughManagement()
                && process.waitFor(exitWait.toSeconds(), TimeUnit.SECONDS)
                && process.exitValue() == 0;
        if (!stoppedCleanly) {
            serverProcesses = concat(serverProcesses, process.descendants().toList());
            if (serverProcesses.isEmpty()) {
                process.destroy(); // the script has not started the JVM yet
            }
            serverProcesses.forEach(ProcessHandle::destroy);
            process.waitFor(SIGTERM_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        serverProcesses = concat(serverProcesses, process.descendants().toList());
        for (ProcessHandle server : serverProcesses) {
            if (!await(server, SIGTERM_WAIT)) {
                server.destroyForcibly();
                await(server, SIGTERM_WAIT);
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(SIGTERM_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        try {
            classData.serverExited(deployed && stoppedCleanly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the class data archive " + classData.archive(), e);
        }
    }

    /** @return whether this run's exit records the class data archive (a slower stop, once) */
    boolean recordsClassData() {
        return deployed && classData.isRecording();
    }

    /** @return whether jboss-cli ran {@code :shutdown} successfully */
    private boolean shutdownThroughManagement() throws InterruptedException {
        try {
            Process cli = new ProcessBuilder(
                            home.resolve("bin/jboss-cli.sh").toString(),
                            "--connect",
                            "--controller=localhost:" + managementPort,
                            "--command=:shutdown")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (cli.waitFor(CLI_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return cli.exitValue() == 0;
            }
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
            return false;
        } catch (IOException cannotRunCli) {
            return false;
        }
    }

    private static boolean await(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return !process.isAlive();
        }
    }

    private static List<ProcessHandle> concat(List<ProcessHandle> first, List<ProcessHandle> second) {
        return Stream.concat(first.stream(), second.stream()).distinct().toList();
    }
}
