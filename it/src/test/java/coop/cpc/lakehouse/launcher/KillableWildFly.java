package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * For tests only: a private copy of a provisioned WildFly, started like {@link WildFlyServer#start}
 * (system properties in a 0600 file passed with {@code -P}) but on a socket-binding port offset,
 * that can be killed with SIGKILL and started again on the same folders.
 */
public final class KillableWildFly {
    private static final String DEPLOYMENT = "lakehouse.ear";
    /** Runtime state and history of the copied server, left out of the copy. */
    private static final List<String> NOT_COPIED = List.of(
            "standalone/data", "standalone/log", "standalone/tmp", "standalone/configuration/standalone_xml_history");

    private final Path home;
    private final int portOffset;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private KillableWildFly(Path home, int portOffset) {
        this.home = home;
        this.portOffset = portOffset;
    }

    /**
     * Replaces {@code target} by a copy of the provisioned server {@code provisioned} without its
     * runtime state, deployments or persisted (management-API) deployments.
     */
    public static KillableWildFly copyOf(Path provisioned, Path target, int portOffset) throws IOException {
        ServerProvisioner.deleteRecursively(target);
        try (Stream<Path> walk = Files.walk(provisioned)) {
            for (Path source : walk.toList()) {
                Path relative = provisioned.relativize(source);
                if (NOT_COPIED.stream().anyMatch(relative::startsWith)
                        || relative.startsWith("standalone/deployments") && relative.getNameCount() > 2) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // A server run by Arquillian persists what it deploys; the copy has not got that content.
        Path configuration = target.resolve("standalone/configuration/standalone.xml");
        Files.writeString(
                configuration,
                Files.readString(configuration).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
        Files.createDirectories(target.resolve("standalone/deployments"));
        return new KillableWildFly(target, portOffset);
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public int managementPort() {
        return 9990 + portOffset;
    }

    public Path serverLog() {
        return home.resolve("standalone/log/server.log");
    }

    /** Puts the EAR into the deployment scanner's folder. */
    public void deploy(Path ear) throws IOException {
        Files.copy(ear, home.resolve("standalone/deployments/" + DEPLOYMENT), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts standalone.sh; the EAR already in deployments/ is deployed again on every start. */
    public void start(Map<String, String> systemProperties) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The server in " + home + " is running");
        }
        Path propertiesFile = home.resolve("server.properties");
        WildFlyServer.writeOwnerOnlyProperties(
                propertiesFile, systemProperties, "System properties of the test server");
        process = WildFlyServer.standalone(
                        home,
                        propertiesFile,
                        home.resolve("console.log"),
                        ServerHeap.DEFAULT,
                        List.of(),
                        "-Djboss.socket.binding.port-offset=" + portOffset)
                .start();
        Process started = process;
        // A test JVM that ends early (timeout, Ctrl-C) leaves no server behind.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            started.descendants().forEach(ProcessHandle::destroyForcibly);
                            started.destroyForcibly();
                        },
                        "kill-" + home.getFileName()));
    }

    /**
     * Waits until {@code endpointPath} answers a GraphQL {@code { __typename }} with HTTP 200, or 401
     * (deployed, and asking for a token). The deployment marker is not trusted: after a restart,
     * {@code .deployed} is there from the run before.
     */
    public void awaitGraphQl(String endpointPath, Duration timeout) throws IOException, InterruptedException {
        URI endpoint = URI.create("http://localhost:" + httpPort() + endpointPath);
        Path failed = home.resolve("standalone/deployments/" + DEPLOYMENT + ".failed");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(failed)) {
                throw new IOException("The lakehouse failed to deploy:\n" + Files.readString(failed) + "\nServer log: "
                        + serverLog());
            }
            if (!process.isAlive()) {
                throw new IOException(
                        "WildFly exited with code " + process.exitValue() + "; see " + home.resolve("console.log"));
            }
            if (answers(http, endpoint)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException(
                "GraphQL did not answer at " + endpoint + " within " + timeout.toSeconds() + " s; see " + serverLog());
    }

    /**
     * True when the lakehouse is deployed at {@code endpoint}: GraphQL answers a probe, and without a
     * token that answer is 401. False while the server boots (no connection, or 404 before deployment).
     */
    static boolean answers(HttpClient http, URI endpoint) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}"))
                .build();
        try {
            int status =
                    http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 401;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * SIGKILLs the server JVM (every descendant of standalone.sh) and then the script, and waits
     * until all of them are gone. Nothing of the server runs any shutdown code.
     *
     * @return how many JVM processes were killed
     */
    public long killDashNine() throws Exception {
        List<ProcessHandle> descendants = process.descendants().toList();
        long javaProcesses = descendants.stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .count();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle handle : descendants) {
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IOException("standalone.sh survived SIGKILL");
        }
        return javaProcesses;
    }

    /** Asks the server to shut down through its management interface; kills what is left after 60 s. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process cli = new ProcessBuilder(
                            home.resolve("bin/jboss-cli.sh").toString(),
                            "--connect",
                            "--controller=localhost:" + managementPort(),
                            "--command=:shutdown")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!cli.waitFor(60, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroy();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
