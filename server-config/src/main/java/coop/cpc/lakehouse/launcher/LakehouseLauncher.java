package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import coop.cpc.lakehouse.config.JsonFileConfigSource;
import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.config.PostgresConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bin/lakehouse}: runs the lakehouse on its embedded defaults. Reads lakehouse.json (and
 * system properties / environment), starts the embedded PostgreSQL unless
 * {@code postgresql_connection} is set, provisions WildFly under {@code var/} on first use,
 * deploys the EAR, prints the GraphQL URL, and on Ctrl-C stops the server, then PostgreSQL.
 */
public final class LakehouseLauncher {
    /** Under var/: the key pair that signs local tokens (bin/lakehouse token). */
    static final String JWT_DIRECTORY = "jwt";
    private final PrintStream console;
    private final Path ear;
    private final Path varDirectory;

    LakehouseLauncher(PrintStream console, Path ear, Path varDirectory) {
        this.console = console;
        this.ear = ear;
        this.varDirectory = varDirectory;
    }

    /** {@code LakehouseLauncher <lakehouse.ear> [run | rollback-catalog | token --user u --roles r]} */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[1].equals("token")) {
            try {
                LakehouseSettings settings = LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource(JsonFileConfigSource.locate()));
                System.exit(TokenCommand.run(Arrays.copyOfRange(args, 2, args.length), settings,
                        Path.of("var").toAbsolutePath().resolve(JWT_DIRECTORY), System.out, System.err));
            } catch (coop.cpc.lakehouse.config.InvalidConfigurationException e) {
                System.err.println(e.getMessage());
                System.exit(3);
            }
        }
        String command = args.length == 2 ? args[1] : "run";
        if (args.length < 1 || args.length > 2 || !List.of("run", "rollback-catalog").contains(command)) {
            System.err.println("usage: bin/lakehouse [run | rollback-catalog | token --user <name> --roles <role>[,<role>...]]");
            System.exit(2);
        }
        Path ear = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(ear)) {
            System.err.println("The EAR " + ear + " does not exist: build it first (mvn install)");
            System.exit(2);
        }
        try {
            LakehouseLauncher launcher = new LakehouseLauncher(System.out, ear, Path.of("var").toAbsolutePath());
            if (command.equals("run")) {
                launcher.run();
            } else {
                launcher.rollbackCatalog();
            }
        } catch (coop.cpc.lakehouse.config.InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }

    void run() throws Exception {
        long started = System.nanoTime();
        LakehouseSettings settings = loadSettings();
        EmbeddedCatalogDatabase embedded = startEmbeddedDatabaseUnlessConfigured(settings);
        PostgresConnection catalog = embedded == null ? settings.postgresqlConnection().orElseThrow() : embedded.connection();
        Optional<Path> configFile = JsonFileConfigSource.locate();
        Path logs = varDirectory.resolve("log");
        Files.createDirectories(logs);
        for (Path root : settings.localSourceRoots()) {
            // The folders sled and file-drop jobs may read (var/inbox by default): there from the start.
            Files.createDirectories(root);
        }

        LauncherBuild build = LauncherBuild.load();
        Path serverHome = varDirectory.resolve("wildfly-" + build.wildflyVersion());
        boolean provisioned = new ServerProvisioner(build.wildflyDist(), build.postgresqlDriverJar()).provision(serverHome);
        console.println((provisioned ? "Provisioned " : "Reusing ") + "WildFly " + build.wildflyVersion() + " in " + serverHome);

        WildFlyServer server = new WildFlyServer(serverHome, settings.httpPort(), settings.managementPort());
        server.deploy(ear);
        Path consoleLog = logs.resolve("wildfly-console.log");
        Map<String, String> properties = serverProperties(catalog, settings, configFile);
        if (settings.jwtPublicKey().isEmpty()) {
            // No OIDC provider configured: the server trusts the local key that bin/lakehouse token signs with.
            properties.put(LakehouseKey.JWT_PUBLIC_KEY.propertyName(),
                    SigningKeys.ensure(varDirectory.resolve(JWT_DIRECTORY)).publicKeyFile().toString());
        }
        server.start(properties, varDirectory.resolve("run"), consoleLog);

        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedCatalogDatabase database = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("Stopping the lakehouse...");
            try {
                server.stop();
                if (database != null) {
                    database.close();
                }
            } catch (Exception e) {
                console.println("Stop failed: " + e.getMessage());
            }
            console.println("Stopped.");
            stopped.countDown();
        }, "lakehouse-stop"));

        server.awaitDeployment(Duration.ofMinutes(5), consoleLog);
        console.printf("%nThe lakehouse is up (%.1f s).%n  GraphQL:  http://localhost:%d/lakehouse/graphql%n"
                + "  Schema:   http://localhost:%d/lakehouse/graphql/schema.graphql%n"
                + "  Health:   http://localhost:%d/health%n  Logs:     %s%nPress Ctrl-C to stop.%n",
                (System.nanoTime() - started) / 1e9, settings.httpPort(), settings.httpPort(),
                settings.managementPort(), serverHome.resolve("standalone/log/server.log"));
        stopped.await();
    }

    /**
     * The seed's rollback procedure: drops the lakehouse's catalog tables (every migration's
     * rollback script, newest first). The server must be stopped; the data in them is lost.
     */
    void rollbackCatalog() throws Exception {
        LakehouseSettings settings = loadSettings();
        EmbeddedCatalogDatabase embedded = startEmbeddedDatabaseUnlessConfigured(settings);
        try {
            PostgresConnection catalog = embedded == null ? settings.postgresqlConnection().orElseThrow() : embedded.connection();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(catalog.jdbcUrl());
            dataSource.setUser(catalog.user());
            dataSource.setPassword(catalog.password());
            CatalogMigrations.rollback(dataSource);
            console.println("Rolled back the catalog schema '" + CatalogMigrations.SCHEMA + "' in " + catalog
                    + ": its tables are dropped. The next start migrates it again.");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private LakehouseSettings loadSettings() {
        Optional<Path> configFile = JsonFileConfigSource.locate();
        LakehouseSettings settings = LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource(configFile));
        console.println("Configuration " + configFile.map(p -> p.toAbsolutePath().toString()).orElse("(defaults; no lakehouse.json)")
                + ":\n" + settings.describe().indent(2).stripTrailing());
        return settings;
    }

    /** @return the started embedded database, or null when postgresql_connection names one */
    private EmbeddedCatalogDatabase startEmbeddedDatabaseUnlessConfigured(LakehouseSettings settings) throws IOException {
        Optional<PostgresConnection> configured = settings.postgresqlConnection();
        if (configured.isPresent()) {
            console.println("Catalog database: " + configured.get());
            return null;
        }
        Path logs = varDirectory.resolve("log");
        Files.createDirectories(logs);
        EmbeddedCatalogDatabase embedded = EmbeddedCatalogDatabase.start(settings.embeddedPostgresqlDataPath().toAbsolutePath(),
                settings.embeddedPostgresqlPort(), logs.resolve("postgresql.log"));
        console.println("Embedded PostgreSQL: " + embedded.connection() + " (data in "
                + settings.embeddedPostgresqlDataPath().toAbsolutePath() + ")");
        return embedded;
    }

    private static Map<String, String> serverProperties(PostgresConnection catalog, LakehouseSettings settings,
            Optional<Path> configFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lakehouse.db.url", catalog.jdbcUrl());
        properties.put("lakehouse.db.user", catalog.user());
        if (!catalog.password().isEmpty()) {
            properties.put("lakehouse.db.password", catalog.password());
        }
        configFile.ifPresent(file -> properties.put(JsonFileConfigSource.FILE_PROPERTY, file.toAbsolutePath().toString()));
        // Overrides given to the launcher as system properties apply to the server too (environment
        // variables reach it anyway: the server inherits the launcher's environment).
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(LakehouseKey.SECTION + "."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        // The server runs in another working directory: pass the storage folder as an absolute path.
        properties.put(LakehouseKey.WEBM_STORAGE_PATH.propertyName(), settings.webmStoragePath().toAbsolutePath().toString());
        properties.put(LakehouseKey.LOCAL_SOURCE_ROOTS.propertyName(), settings.localSourceRoots().stream()
                .map(root -> root.toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(",")));
        return properties;
    }

}
