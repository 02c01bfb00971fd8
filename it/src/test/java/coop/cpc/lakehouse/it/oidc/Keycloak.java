package coop.cpc.lakehouse.it.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} the build unpacks) run by a test in dev mode
 * on 127.0.0.1 with the realm of {@code keycloak/lakehouse-realm.json}; stopped by its pid (and its
 * children) in {@link #close()}, and by a shutdown hook if the test JVM ends first.
 */
final class Keycloak implements AutoCloseable {
    static final String REALM = "lakehouse";
    /** Keycloak 26 needs Java 21 or newer. */
    static final int MIN_JAVA = 21;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Keycloak(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code home/bin/kc.sh start-dev} with the realm imported afresh; returns once the realm answers. */
    static Keycloak start(Path home, Path javaHome, int port, Path realm, Duration timeout) throws Exception {
        // A fresh dev database each time: an imported realm is never re-imported over an existing one.
        Path devDatabase = home.resolve("data/h2");
        if (Files.isDirectory(devDatabase)) {
            try (Stream<Path> files = Files.walk(devDatabase)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realm, imports.resolve("lakehouse-realm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        home.resolve("bin/kc.sh").toFile().setExecutable(true, false);
        Path log = home.resolve("keycloak-it.log");
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--import-realm",
                        "--health-enabled=false",
                        "--http-management-port=" + (port + 1))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "it-admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "it-admin-password-5e2a");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(process), "kill-keycloak"));
        Keycloak keycloak = new Keycloak(port, process, log);
        try {
            keycloak.awaitRealm(timeout);
        } catch (Exception e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private void awaitRealm(Duration timeout) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IOException(
                "Keycloak did not serve realm " + REALM + " within " + timeout.toSeconds() + " s; see " + log);
    }

    /** An access token from the token endpoint (resource owner password grant of the test client). */
    String token(String clientId, String clientSecret, String user, String password) throws Exception {
        String form = Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        clientId,
                        "client_secret",
                        clientSecret,
                        "username",
                        user,
                        "password",
                        password,
                        "scope",
                        "openid")
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Keycloak refused a token for " + user + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    @Override
    public void close() {
        kill(process);
    }

    /** SIGTERM to Keycloak's processes by pid, then SIGKILL to whatever is left after 30 s. */
    private static void kill(Process process) {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * A JDK that runs Keycloak: JAVA_HOME or the running one if new enough, else the newest under
     * /usr/lib/jvm or /opt (where CI images keep extra JDKs, e.g. Temurin 25).
     */
    static Optional<Path> findJava() throws IOException {
        for (String candidate : new String[] {
            System.getenv("KEYCLOAK_JAVA_HOME"), System.getenv("JAVA_HOME"), System.getProperty("java.home")
        }) {
            if (candidate != null && feature(Path.of(candidate)) >= MIN_JAVA) {
                return Optional.of(Path.of(candidate));
            }
        }
        Path best = null;
        for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(root)) {
                for (Path home : homes.sorted(Comparator.reverseOrder()).toList()) {
                    if (feature(home) >= MIN_JAVA && (best == null || feature(home) > feature(best))) {
                        best = home;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The feature version from the JDK's {@code release} file (JAVA_VERSION="25.0.1"), or 0. */
    static int feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = version.startsWith("1.") ? version.substring(2) : version;
                    return Integer.parseInt(major.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
