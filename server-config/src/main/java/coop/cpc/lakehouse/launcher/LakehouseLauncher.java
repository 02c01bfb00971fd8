package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import coop.cpc.lakehouse.catalog.storage.CatalogIdentity;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.catalog.storage.StorageOwnership;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.config.InvalidConfigurationException;
import coop.cpc.lakehouse.config.JsonFileConfigSource;
import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.config.PostgresConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bin/lakehouse}: runs the lakehouse on its embedded defaults. Reads lakehouse.json (and
 * system properties / environment), refuses ports that are taken, starts the embedded PostgreSQL
 * unless {@code postgresql_connection} is set, provisions WildFly under {@code var/} on first use,
 * deploys the EAR, prints the GraphQL URL, and on SIGTERM, SIGINT (Ctrl-C) or SIGHUP stops the
 * server, then PostgreSQL (see {@link ShutdownSequence}).
 */
public final class LakehouseLauncher {
    /** Under var/: the key pair that signs local tokens (bin/lakehouse token). */
    static final String JWT_DIRECTORY = "jwt";
    /** Exit codes: a configuration the launcher refuses, a port that is taken, any other failed start. */
    static final int EXIT_INVALID_CONFIGURATION = 3;

    static final int EXIT_PORT_IN_USE = 4;
    static final int EXIT_FAILED = 1;

    private final PrintStream console;
    private final Path ear;
    private final Path varDirectory;
    private final ShutdownSequence shutdown;

    LakehouseLauncher(PrintStream console, Path ear, Path varDirectory, ShutdownSequence shutdown) {
        this.console = console;
        this.ear = ear;
        this.varDirectory = varDirectory;
        this.shutdown = shutdown;
    }

    /** {@code LakehouseLauncher <lakehouse.ear> [run | rollback-catalog | token --user u --roles r]} */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[1].equals("token")) {
            try {
                LakehouseSettings settings =
                        LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource(JsonFileConfigSource.locate()));
                System.exit(TokenCommand.run(
                        Arrays.copyOfRange(args, 2, args.length),
                        settings,
                        Path.of("var").toAbsolutePath().resolve(JWT_DIRECTORY),
                        System.out,
                        System.err));
            } catch (coop.cpc.lakehouse.config.InvalidConfigurationException e) {
                System.err.println(e.getMessage());
                System.exit(EXIT_INVALID_CONFIGURATION);
            }
        }
        // "--server liberty" (after the EAR): run the Liberty EAR on Open Liberty instead of WildFly.
        boolean liberty = false;
        List<String> rest = new java.util.ArrayList<>(Arrays.asList(args));
        int server = rest.indexOf("--server");
        if (server > 0 && server + 1 < rest.size()) {
            if (!List.of("wildfly", "liberty").contains(rest.get(server + 1))) {
                System.err.println("--server takes wildfly or liberty, not " + rest.get(server + 1));
                System.exit(2);
            }
            liberty = rest.get(server + 1).equals("liberty");
            rest.subList(server, server + 2).clear();
            args = rest.toArray(String[]::new);
        }
        String command = args.length == 2 ? args[1] : "run";
        if (args.length < 1
                || args.length > 2
                || !List.of("run", "rollback-catalog").contains(command)) {
            System.err.println(
                    "usage: bin/lakehouse [--server wildfly|liberty] [run | rollback-catalog | token --user <name> --roles <role>[,<role>...]]");
            System.exit(2);
        }
        Path ear = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(ear)) {
            System.err.println("The EAR " + ear + " does not exist: build it first (mvn install)");
            System.exit(2);
        }
        // Installed before anything starts: whatever ends the launcher from here on stops what it started.
        ShutdownSequence shutdown = new ShutdownSequence(System.out).installHook();
        LakehouseLauncher launcher =
                new LakehouseLauncher(System.out, ear, Path.of("var").toAbsolutePath(), shutdown);
        try {
            if (command.equals("run")) {
                LakehouseSettings settings = launcher.loadSettings();
                if (liberty) {
                    LibertyServer started = launcher.runLiberty(settings, StartupClock.fromEnvironment());
                    launcher.awaitExit(started.onExit(), "Open Liberty", "liberty-console.log");
                } else {
                    WildFlyServer started = launcher.run(settings, StartupClock.fromEnvironment());
                    launcher.awaitExit(started.onExit(), "WildFly", "wildfly-console.log");
                }
            } else {
                launcher.rollbackCatalog(launcher.loadSettings());
                shutdown.stopAll();
            }
        } catch (InvalidConfigurationException e) {
            exit(shutdown, e.getMessage(), EXIT_INVALID_CONFIGURATION);
        } catch (PortInUseException e) {
            exit(shutdown, e.getMessage(), EXIT_PORT_IN_USE);
        } catch (Exception e) {
            if (!shutdown.isStopping()) {
                if (!(e instanceof IOException)) {
                    e.printStackTrace();
                }
                exit(shutdown, "The lakehouse did not start: " + e.getMessage(), EXIT_FAILED);
            }
        }
    }

    /** Prints why, then exits; the shutdown hook stops whatever was started. */
    private static void exit(ShutdownSequence shutdown, String message, int code) {
        System.err.println(message);
        shutdown.stopAll();
        System.exit(code);
    }

    /**
     * Starts the lakehouse and returns once it is deployed. Checks every port first, so a taken
     * port stops the launcher before it has started anything.
     */
    WildFlyServer run(LakehouseSettings settings, StartupClock clock) throws Exception {
        boolean embedded = settings.postgresqlConnection().isEmpty();
        requireFreePorts(settings, embedded, "WildFly", true);
        Optional<Path> configFile = JsonFileConfigSource.locate();
        Path logs = createFolders(settings);

        // PostgreSQL starts while WildFly boots: the deployment needs the database only seconds later.
        // A first start (initdb) is waited for, as it takes longer than WildFly needs to get there.
        Future<EmbeddedCatalogDatabase> database = embedded ? startEmbeddedDatabase(settings) : null;
        if (database != null
                && !EmbeddedCatalogDatabase.isInitialized(
                        settings.embeddedPostgresqlDataPath().toAbsolutePath())) {
            awaitDatabase(database);
        }
        PostgresConnection catalog = catalogConnection(settings);
        if (!embedded) {
            console.println("Catalog database: " + catalog);
        }

        LauncherBuild build = LauncherBuild.load();
        Path serverHome = varDirectory.resolve("wildfly-" + build.wildflyVersion());
        boolean provisioned =
                new ServerProvisioner(build.wildflyDist(), build.postgresqlDriverJar()).provision(serverHome);
        console.println((provisioned ? "Provisioned " : "Reusing ") + "WildFly " + build.wildflyVersion() + " in "
                + serverHome);

        if (System.getenv("JAVA_OPTS") != null) {
            console.println("JAVA_OPTS is set: WildFly gets its options after the launcher's (a -Xms, -Xmx or -Xmn"
                    + " among them replaces server_heap_mb, " + settings.serverHeapMb() + " MiB)");
        }
        WildFlyServer server = new WildFlyServer(
                serverHome, settings.httpPort(), settings.managementPort(), new ServerHeap(settings.serverHeapMb()));
        server.deploy(ear);
        Path consoleLog = logs.resolve("wildfly-console.log");
        Map<String, String> properties = serverProperties(catalog, settings, configFile);
        trustLocalSigningKeyUnlessConfigured(settings, properties);
        shutdown.start(
                "WildFly",
                () -> {
                    server.start(properties, varDirectory.resolve("run"), consoleLog);
                    return server;
                },
                started -> {
                    if (started.recordsClassData()) {
                        console.println("Saving a class data archive of the server for faster starts (this once)...");
                    }
                    started.stop();
                });
        if (database != null) {
            awaitDatabase(database);
        }
        server.awaitDeployment(Duration.ofMinutes(5), consoleLog);
        if (shutdown.isStopping()) {
            // A signal came while WildFly booted; it may still have finished deploying before it stops.
            throw new IllegalStateException("The lakehouse is stopping");
        }
        console.printf(
                "%nlakehouse ready in %.1f s%n  GraphQL:  http://localhost:%d/lakehouse/graphql%n"
                        + "  Schema:   http://localhost:%d/lakehouse/graphql/schema.graphql%n"
                        + "  Health:   http://localhost:%d/health%n  Logs:     %s%nPress Ctrl-C to stop.%n",
                clock.secondsSinceStart(System.currentTimeMillis()),
                settings.httpPort(),
                settings.httpPort(),
                settings.managementPort(),
                serverHome.resolve("standalone/log/server.log"));
        return server;
    }

    /**
     * {@link #run} on Open Liberty (bin/lakehouse --server liberty): the same embedded PostgreSQL, ports
     * and keys; Liberty listens on http_port and http_port + 363 (health on the HTTP port; management_port
     * is not used). See docs/deployment.md.
     */
    LibertyServer runLiberty(LakehouseSettings settings, StartupClock clock) throws Exception {
        boolean embedded = settings.postgresqlConnection().isEmpty();
        requireFreePorts(settings, embedded, "Open Liberty", false);
        Optional<Path> configFile = JsonFileConfigSource.locate();
        Path logs = createFolders(settings);
        if (embedded) {
            awaitDatabase(startEmbeddedDatabase(settings));
        }
        PostgresConnection catalog = catalogConnection(settings);
        LibertyBuild build = LibertyBuild.load();
        LibertyServer server = new LibertyServer(
                varDirectory.resolve("wlp-" + build.version()),
                settings.httpPort(),
                new ServerHeap(settings.serverHeapMb()));
        boolean provisioned = server.provision(build.runtimeZip());
        console.println((provisioned ? "Unpacked " : "Reusing ") + "Open Liberty " + build.version() + " in "
                + varDirectory.resolve("wlp-" + build.version()));
        Map<String, String> properties = serverProperties(catalog, settings, configFile);
        Map<String, String> databaseSettings = new LinkedHashMap<>();
        for (String key : List.of("lakehouse.db.url", "lakehouse.db.user", "lakehouse.db.password")) {
            String value = properties.remove(key);
            if (value != null) {
                databaseSettings.put(key, value);
            }
        }
        trustLocalSigningKeyUnlessConfigured(settings, properties);
        server.configure(ear, LauncherBuild.load().postgresqlDriverJar(), databaseSettings, properties);
        Path consoleLog = logs.resolve("liberty-console.log");
        shutdown.start(
                "Open Liberty",
                () -> {
                    server.start(consoleLog);
                    return server;
                },
                LibertyServer::stop);
        server.awaitDeployment(Duration.ofMinutes(6), consoleLog);
        if (shutdown.isStopping()) {
            throw new IllegalStateException("The lakehouse is stopping");
        }
        console.printf(
                "%nlakehouse ready on Open Liberty in %.1f s%n  GraphQL:  http://localhost:%d/lakehouse/graphql%n"
                        + "  Health:   http://localhost:%d/health%n  Logs:     %s%nPress Ctrl-C to stop.%n",
                clock.secondsSinceStart(System.currentTimeMillis()),
                settings.httpPort(),
                settings.httpPort(),
                server.messagesLog());
        return server;
    }

    /** Blocks while the server runs; a server that ends by itself ends the launcher (and stops PostgreSQL). */
    private void awaitExit(CompletableFuture<Process> serverExit, String server, String consoleLog) throws Exception {
        int code = serverExit.get().exitValue();
        if (!shutdown.isStopping()) {
            exit(
                    shutdown,
                    server + " stopped by itself (exit code " + code + "); see "
                            + varDirectory.resolve("log").resolve(consoleLog),
                    EXIT_FAILED);
        }
    }

    /**
     * Every port the start needs, checked before anything starts: the embedded database's (when there
     * is one), then the server's HTTP, management (WildFly only) and HTTPS listeners.
     */
    private void requireFreePorts(LakehouseSettings settings, boolean embedded, String server, boolean management)
            throws PortInUseException {
        requireDistinctPorts(settings, embedded);
        if (embedded) {
            requireFreeDatabasePort(settings);
        }
        PortCheck.requireFree(settings.httpPort(), LakehouseKey.HTTP_PORT, "the HTTP listener of " + server);
        if (management) {
            PortCheck.requireFree(
                    settings.managementPort(), LakehouseKey.MANAGEMENT_PORT, "the management interface of " + server);
        }
        PortCheck.requireFree(
                WildFlyServer.httpsPort(settings.httpPort()),
                LakehouseKey.HTTP_PORT,
                "the HTTPS listener of " + server + " (port derived from http_port)");
    }

    /** Creates var/log (returned) and the folders sled and file-drop jobs may read (var/inbox by default). */
    private Path createFolders(LakehouseSettings settings) throws IOException {
        Path logs = varDirectory.resolve("log");
        Files.createDirectories(logs);
        for (Path root : settings.localSourceRoots()) {
            Files.createDirectories(root);
        }
        return logs;
    }

    private static PostgresConnection catalogConnection(LakehouseSettings settings) {
        return settings.postgresqlConnection()
                .orElseGet(() -> EmbeddedCatalogDatabase.connectionFor(settings.embeddedPostgresqlPort()));
    }

    /** No OIDC provider configured: the server trusts the local key that bin/lakehouse token signs with. */
    private void trustLocalSigningKeyUnlessConfigured(LakehouseSettings settings, Map<String, String> properties)
            throws IOException {
        if (settings.jwtPublicKey().isEmpty()) {
            properties.put(
                    LakehouseKey.JWT_PUBLIC_KEY.propertyName(),
                    SigningKeys.ensure(varDirectory.resolve(JWT_DIRECTORY))
                            .publicKeyFile()
                            .toString());
        }
    }

    /**
     * The seed's rollback procedure: drops the lakehouse's catalog tables (every migration's
     * rollback script, newest first). The server must be stopped; the data in them is lost.
     */
    void rollbackCatalog(LakehouseSettings settings) throws Exception {
        PostgresConnection catalog;
        if (settings.postgresqlConnection().isPresent()) {
            catalog = settings.postgresqlConnection().get();
        } else {
            requireFreeDatabasePort(settings);
            catalog = awaitDatabase(startEmbeddedDatabase(settings)).connection();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(catalog.jdbcUrl());
        dataSource.setUser(catalog.user());
        dataSource.setPassword(catalog.password());
        Optional<UUID> catalogId = catalogId(dataSource);
        CatalogMigrations.rollback(dataSource);
        console.println("Rolled back the catalog schema '" + CatalogMigrations.SCHEMA + "' in " + catalog
                + ": its tables are dropped. The next start migrates it again.");
        Path storage = settings.webmStoragePath().toAbsolutePath();
        if (catalogId.isPresent()
                && StorageOwnership.marked(storage, catalogId.get())
                        .filter(StorageVerdict::owned)
                        .isPresent()) {
            console.println("The segment folder " + storage + " still holds the segments of the dropped catalog "
                    + catalogId.get() + " and its marker " + StorageMarker.FILE_NAME + ": the next start makes a new"
                    + " catalog, which writes and deletes nothing there. Move the folder away or empty it before"
                    + " starting (docs/operations.md).");
        }
    }

    /** The catalog's id, empty when it has none (never migrated, or from before V15). */
    private static Optional<UUID> catalogId(DataSource catalog) {
        try {
            return Optional.of(CatalogIdentity.of(catalog, 30));
        } catch (SQLException noIdentity) {
            return Optional.empty();
        }
    }

    LakehouseSettings loadSettings() {
        Optional<Path> configFile = JsonFileConfigSource.locate();
        JsonFileConfigSource file = new JsonFileConfigSource(configFile);
        LakehouseSettings settings = LakehouseSettings.fromSystemAndFile(file);
        console.println(ConfigurationReport.of(
                settings,
                configFile,
                name -> Optional.ofNullable(System.getProperty(name)),
                name -> Optional.ofNullable(System.getenv(name)),
                name -> Optional.ofNullable(file.getValue(name))));
        return settings;
    }

    private static void requireDistinctPorts(LakehouseSettings settings, boolean embedded) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(LakehouseKey.HTTP_PORT.key(), settings.httpPort());
        ports.put("the HTTPS port derived from http_port", WildFlyServer.httpsPort(settings.httpPort()));
        ports.put(LakehouseKey.MANAGEMENT_PORT.key(), settings.managementPort());
        if (embedded) {
            ports.put(LakehouseKey.EMBEDDED_POSTGRESQL_PORT.key(), settings.embeddedPostgresqlPort());
        }
        if (new HashSet<>(ports.values()).size() < ports.size()) {
            throw new InvalidConfigurationException("Invalid lakehouse configuration: these ports must all differ: "
                    + ports.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
    }

    /**
     * Refuses a taken database port, naming the PostgreSQL of this data folder when it still runs:
     * for another launcher that is running ({@link LauncherPidFile}), or left by a launcher that was killed.
     */
    private void requireFreeDatabasePort(LakehouseSettings settings) throws PortInUseException {
        Path data = settings.embeddedPostgresqlDataPath().toAbsolutePath();
        try {
            PortCheck.requireFree(
                    settings.embeddedPostgresqlPort(),
                    LakehouseKey.EMBEDDED_POSTGRESQL_PORT,
                    "the embedded PostgreSQL");
        } catch (PortInUseException e) {
            Optional<ProcessHandle> leftRunning = EmbeddedCatalogDatabase.runningPostmaster(data);
            if (leftRunning.isEmpty()) {
                throw e;
            }
            long postgres = leftRunning.get().pid();
            Optional<ProcessHandle> launcher = LauncherPidFile.runningOther(data);
            throw new PortInUseException(e.getMessage() + " The PostgreSQL of this data folder (" + data
                    + ") is running as process " + postgres
                    + launcher.map(other -> " for another launcher (pid " + other.pid() + ") that is still running:"
                                    + " stop that launcher first (Ctrl-C in its terminal, or 'kill " + other.pid()
                                    + "'), or give this one other ports and another data folder.")
                            .orElse(", left by a launcher that was killed: stop it with 'kill -INT " + postgres
                                    + "'."));
        }
    }

    /** Starts the embedded PostgreSQL in the background; the shutdown sequence stops it. */
    private Future<EmbeddedCatalogDatabase> startEmbeddedDatabase(LakehouseSettings settings) throws IOException {
        Path logs = varDirectory.resolve("log");
        Files.createDirectories(logs);
        Path data = settings.embeddedPostgresqlDataPath().toAbsolutePath();
        LauncherPidFile.record(data);
        FutureTask<EmbeddedCatalogDatabase> start = new FutureTask<>(() -> {
            EmbeddedCatalogDatabase database = shutdown.start(
                    "the embedded PostgreSQL",
                    () -> EmbeddedCatalogDatabase.start(
                            data, settings.embeddedPostgresqlPort(), logs.resolve("postgresql.log")),
                    EmbeddedCatalogDatabase::close);
            console.println("Embedded PostgreSQL: " + database.connection() + " (data in " + data + ")");
            return database;
        });
        Thread thread = new Thread(start, "embedded-postgresql-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private static EmbeddedCatalogDatabase awaitDatabase(Future<EmbeddedCatalogDatabase> database) throws Exception {
        try {
            return database.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Map<String, String> serverProperties(
            PostgresConnection catalog, LakehouseSettings settings, Optional<Path> configFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lakehouse.db.url", catalog.jdbcUrl());
        properties.put("lakehouse.db.user", catalog.user());
        if (!catalog.password().isEmpty()) {
            properties.put("lakehouse.db.password", catalog.password());
        }
        configFile.ifPresent(file -> properties.put(
                JsonFileConfigSource.FILE_PROPERTY, file.toAbsolutePath().toString()));
        // Overrides given to the launcher as system properties apply to the server too (environment
        // variables reach it anyway: the server inherits the launcher's environment).
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(LakehouseKey.SECTION + "."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        // The server runs in another working directory: pass the storage folder as an absolute path.
        properties.put(
                LakehouseKey.WEBM_STORAGE_PATH.propertyName(),
                settings.webmStoragePath().toAbsolutePath().toString());
        properties.put(
                LakehouseKey.LOCAL_SOURCE_ROOTS.propertyName(),
                settings.localSourceRoots().stream()
                        .map(root -> root.toAbsolutePath().toString())
                        .collect(Collectors.joining(",")));
        if (settings.postgresqlConnection().isEmpty()) {
            // The embedded database's folder, so that the server keeps local sources out of it.
            properties.put(
                    LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH.propertyName(),
                    settings.embeddedPostgresqlDataPath().toAbsolutePath().toString());
        }
        return properties;
    }
}
