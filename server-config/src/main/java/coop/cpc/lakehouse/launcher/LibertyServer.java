package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Open Liberty for {@code bin/lakehouse --server liberty}: unpacks the runtime zip under var/ once,
 * writes the server {@code lakehouse} from server-config's Liberty files (server.xml, jvm.options), runs
 * it in the foreground ({@code bin/server run} execs the server JVM, so this process IS the server) and
 * stops it with SIGTERM, which Liberty answers with an orderly stop.
 */
public final class LibertyServer {
    static final String SERVER_NAME = "lakehouse";
    /**
     * The server's system properties (the lakehouse's keys, secrets included), as a java argument file that
     * jvm.options names: the values never appear on the server JVM's command line, which every local user can
     * read, as WildFly's come in an owner-only {@code -P} file.
     */
    static final String SYSTEM_PROPERTIES_FILE = "lakehouse-system-properties.args";

    private static final String MARKER = ".lakehouse-provisioned";
    private static final String EAR = "lakehouse-liberty.ear";
    private static final Duration STOP_WAIT = Duration.ofSeconds(45);
    private static final String METRICS_SCRAPER = "metrics_scraper";
    private static final String METRICS_SCRAPER_FILE = "metrics-scraper.xml";

    private final Path home;
    private final int httpPort;
    private final ServerHeap heap;
    private Process process;

    LibertyServer(Path home, int httpPort, ServerHeap heap) {
        this.home = home;
        this.httpPort = httpPort;
        this.heap = heap;
    }

    Path serverDirectory() {
        return home.resolve("usr/servers").resolve(SERVER_NAME);
    }

    Path messagesLog() {
        return serverDirectory().resolve("logs/messages.log");
    }

    /** Unpacks the runtime on first use; returns whether it did. */
    boolean provision(Path runtimeZip) throws IOException {
        if (Files.exists(home.resolve(MARKER))) {
            return false;
        }
        Path staging = home.resolveSibling(home.getFileName() + ".partial");
        ServerProvisioner.deleteRecursively(staging);
        ServerZip.unpack(
                runtimeZip,
                staging,
                path -> path.startsWith("bin/") && !path.endsWith(".bat") && !path.endsWith(".jar"));
        Files.writeString(staging.resolve(MARKER), "unpacked from " + runtimeZip + "\n");
        ServerProvisioner.deleteRecursively(home);
        Files.move(staging, home);
        return true;
    }

    /**
     * Writes the server's configuration (every start, so a rebuilt launcher brings its server.xml) and
     * copies the EAR and the PostgreSQL driver. Database settings go to bootstrap.properties (owner
     * only), the lakehouse's keys to the owner-only {@value #SYSTEM_PROPERTIES_FILE} as system properties.
     */
    void configure(Path ear, Path postgresqlJar, Map<String, String> database, Map<String, String> properties)
            throws IOException {
        Path server = serverDirectory();
        Files.createDirectories(server.resolve("apps"));
        Files.createDirectories(server.resolve("lib"));
        copyResource("server.xml", server.resolve("server.xml"));
        Path systemProperties = server.resolve(SYSTEM_PROPERTIES_FILE).toAbsolutePath();
        Files.deleteIfExists(systemProperties);
        Files.createFile(
                systemProperties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(systemProperties, argumentFile(properties), StandardCharsets.UTF_8);
        // bin/server passes each jvm.options line to java as one argument; java reads the file an '@' names.
        writeOwnerOnly(
                server.resolve("jvm.options"),
                jvmOptions(resource("jvm.options"), heap) + "@" + systemProperties + "\n");
        Properties bootstrap = new Properties();
        bootstrap.setProperty("http.port", Integer.toString(httpPort));
        bootstrap.setProperty("https.port", Integer.toString(WildFlyServer.httpsPort(httpPort)));
        database.forEach(bootstrap::setProperty);
        java.io.StringWriter text = new java.io.StringWriter();
        bootstrap.store(text, "Written by bin/lakehouse --server liberty");
        writeOwnerOnly(server.resolve("bootstrap.properties"), text.toString());
        Path env = server.resolve("server.env");
        if (!Files.exists(env)) {
            // The password of Liberty's generated TLS key store (server.xml's defaultKeyStore).
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            writeOwnerOnly(
                    env,
                    "keystore_password="
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        Files.copy(postgresqlJar, server.resolve("lib/postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        if (ear != null) {
            copyResource("lakehouse-app.xml", server.resolve("lakehouse-app.xml"));
            Files.copy(ear, server.resolve("apps").resolve(EAR), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(server.resolve("lakehouse-app.xml"));
        }
    }

    /** server-config's jvm.options with the heap's flags ({@code server_heap_mb}) after its own lines. */
    static String jvmOptions(String resource, ServerHeap heap) {
        if (resource.lines().anyMatch(ServerHeap::isHeapFlag)) {
            throw new IllegalStateException("jvm.options must leave the heap's size to server_heap_mb");
        }
        return resource + String.join("\n", heap.flags()) + "\n";
    }

    /**
     * Prepares the Liberty ITs' server (it/pom.xml, profile liberty-it): {@code <wlp home> <http port>
     * [name=value ...]}; {@code lakehouse.db.*} values go to bootstrap.properties, {@code
     * metrics_scraper=user:password} becomes the user that may read {@code /metrics}, the others become
     * system properties (in {@value #SYSTEM_PROPERTIES_FILE}). No application: Arquillian deploys the EAR.
     */
    public static void main(String[] args) throws Exception {
        LibertyServer server =
                new LibertyServer(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]), ServerHeap.DEFAULT);
        server.provision(LibertyBuild.load().runtimeZip());
        Map<String, String> database = new java.util.LinkedHashMap<>();
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        String metricsScraper = null;
        for (String pair : java.util.Arrays.asList(args).subList(2, args.length)) {
            int equals = pair.indexOf('=');
            String key = pair.substring(0, equals);
            if (key.equals(METRICS_SCRAPER)) {
                metricsScraper = pair.substring(equals + 1);
                continue;
            }
            (key.startsWith("lakehouse.db.") ? database : properties).put(key, pair.substring(equals + 1));
        }
        server.configure(null, LauncherBuild.load().postgresqlDriverJar(), database, properties);
        // Arquillian's Liberty container deploys and watches applications through the local JMX connector.
        Path overrides = server.serverDirectory().resolve("configDropins/overrides");
        Files.createDirectories(overrides);
        Files.writeString(
                overrides.resolve("arquillian.xml"),
                "<server><featureManager><feature>localConnector-1.0</feature></featureManager></server>\n");
        Files.deleteIfExists(overrides.resolve(METRICS_SCRAPER_FILE));
        if (metricsScraper != null) {
            int colon = metricsScraper.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(METRICS_SCRAPER + " must be user:password");
            }
            writeOwnerOnly(
                    overrides.resolve(METRICS_SCRAPER_FILE),
                    metricsScraperConfiguration(
                            metricsScraper.substring(0, colon), metricsScraper.substring(colon + 1)));
        }
    }

    /**
     * A configDropins file that lets one user read {@code /metrics} (Liberty's mpMetrics wants a user
     * in the administrator role, over HTTPS): a basic registry holding that user alone. Refuses names and
     * passwords that XML or Liberty's variable syntax would change.
     */
    static String metricsScraperConfiguration(String user, String password) {
        if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "The metrics scraper's user name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!password.matches("[A-Za-z0-9._!#%+,:;=?@^~-]{12,128}")) {
            throw new IllegalArgumentException("The metrics scraper's password must be 12 to 128 letters, digits"
                    + " or ._!#%+,:;=?@^~- (no quotes, '<', '&', '$' or spaces)");
        }
        return "<server>\n"
                + "  <basicRegistry id=\"metricsScrapers\"><user name=\"" + user + "\" password=\"" + password
                + "\"/></basicRegistry>\n"
                + "  <administrator-role><user>" + user + "</user></administrator-role>\n"
                + "</server>\n";
    }

    /**
     * One {@code -Dname=value} per line, quoted, in the java launcher's argument-file syntax: inside quotes a
     * backslash escapes {@code \}, {@code "} and the control characters, so any value arrives unchanged.
     */
    static String argumentFile(Map<String, String> systemProperties) {
        StringBuilder file = new StringBuilder();
        systemProperties.forEach((name, value) -> file.append('"')
                .append(("-D" + name + "=" + value)
                        .replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                        .replace("\t", "\\t")
                        .replace("\f", "\\f"))
                .append("\"\n"));
        return file.toString();
    }

    /** Starts {@code bin/server run lakehouse}, its output to {@code consoleLog}. */
    void start(Path consoleLog) throws IOException {
        Files.deleteIfExists(messagesLog());
        process = new ProcessBuilder(home.resolve("bin/server").toString(), "run", SERVER_NAME)
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .start();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits until the application is started and health answers UP; fails early when Liberty says it failed. */
    void awaitDeployment(Duration timeout, Path consoleLog) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(10))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(
                        "Open Liberty ended while starting (exit code " + process.exitValue() + "); see " + consoleLog);
            }
            String messages =
                    Files.exists(messagesLog()) ? Files.readString(messagesLog(), StandardCharsets.UTF_8) : "";
            if (messages.contains("CWWKZ0002E") || messages.contains("CWWKZ0004E")) {
                throw new IOException("The lakehouse application did not start on Open Liberty; see " + messagesLog());
            }
            if (messages.contains("CWWKZ0001I")) {
                try {
                    HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // The listener is not open yet.
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("The lakehouse did not start on Open Liberty within " + timeout.toSeconds() + " s; see "
                + messagesLog());
    }

    /** SIGTERM (Liberty stops in order), then SIGKILL if it has not ended in time. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LibertyServer.class.getResourceAsStream("liberty/" + name)) {
            if (in == null) {
                throw new IOException(
                        "The Liberty file " + name + " is missing from the launcher: build it with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        Files.writeString(target, resource(name), StandardCharsets.UTF_8);
    }

    /**
     * Writes a file that holds a secret (the database password, the key store's) so that no other user can ever read
     * it: into a new file created owner-only, then moved over the old one. Written in place and restricted afterwards,
     * as before, the secret sat in a file the umask left readable until the restriction, and a reader that had the
     * old file open (its permissions checked at open) read the secret from it at any time later.
     */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path fresh = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                "." + file.getFileName() + "-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(fresh, content, StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }
}
