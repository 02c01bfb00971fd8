package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.config.JsonFileConfigSource;
import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.config.PostgresConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/lakehouse}: runs the lakehouse on its embedded defaults. Reads lakehouse.json (and
 * system properties / environment), starts the embedded PostgreSQL unless
 * {@code postgresql_connection} is set, provisions WildFly under {@code var/} on first use,
 * deploys the EAR, prints the GraphQL URL, and on Ctrl-C stops the server, then PostgreSQL.
 */
public final class LakehouseLauncher {
    private final PrintStream console;
    private final Path ear;
    private final Path varDirectory;

    LakehouseLauncher(PrintStream console, Path ear, Path varDirectory) {
        this.console = console;
        this.ear = ear;
        this.varDirectory = varDirectory;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LakehouseLauncher <path to lakehouse.ear>");
            System.exit(2);
        }
        Path ear = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(ear)) {
            System.err.println("The EAR " + ear + " does not exist: build it first (mvn install)");
            System.exit(2);
        }
        try {
            new LakehouseLauncher(System.out, ear, Path.of("var").toAbsolutePath()).run();
        } catch (coop.cpc.lakehouse.config.InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }

    void run() throws Exception {
        long started = System.nanoTime();
        Optional<Path> configFile = JsonFileConfigSource.locate();
        LakehouseSettings settings = LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource(configFile));
        console.println("Configuration " + configFile.map(p -> p.toAbsolutePath().toString()).orElse("(defaults; no lakehouse.json)")
                + ":\n" + settings.describe().indent(2).stripTrailing());

        Path logs = varDirectory.resolve("log");
        Files.createDirectories(logs);
        EmbeddedCatalogDatabase embedded = null;
        PostgresConnection catalog;
        Optional<PostgresConnection> configured = settings.postgresqlConnection();
        if (configured.isPresent()) {
            catalog = configured.get();
            console.println("Catalog database: " + catalog);
        } else {
            embedded = EmbeddedCatalogDatabase.start(settings.embeddedPostgresqlDataPath().toAbsolutePath(),
                    settings.embeddedPostgresqlPort(), logs.resolve("postgresql.log"));
            catalog = embedded.connection();
            console.println("Embedded PostgreSQL: " + catalog + " (data in "
                    + settings.embeddedPostgresqlDataPath().toAbsolutePath() + ")");
        }

        LauncherBuild build = LauncherBuild.load();
        Path serverHome = varDirectory.resolve("wildfly-" + build.wildflyVersion());
        boolean provisioned = new ServerProvisioner(build.wildflyDist(), build.postgresqlDriverJar()).provision(serverHome);
        console.println((provisioned ? "Provisioned " : "Reusing ") + "WildFly " + build.wildflyVersion() + " in " + serverHome);

        WildFlyServer server = new WildFlyServer(serverHome, settings.httpPort(), settings.managementPort());
        server.deploy(ear);
        Path consoleLog = logs.resolve("wildfly-console.log");
        server.start(serverProperties(catalog, settings, configFile), varDirectory.resolve("run"), consoleLog);

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

    private static Map<String, String> serverProperties(PostgresConnection catalog, LakehouseSettings settings,
            Optional<Path> configFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lakehouse.db.url", catalog.jdbcUrl());
        properties.put("lakehouse.db.user", catalog.user());
        if (!catalog.password().isEmpty()) {
            properties.put("lakehouse.db.password", catalog.password());
        }
        configFile.ifPresent(file -> properties.put(JsonFileConfigSource.FILE_PROPERTY, file.toAbsolutePath().toString()));
        // The server runs in another working directory: pass the storage folder as an absolute path.
        properties.put(LakehouseKey.WEBM_STORAGE_PATH.propertyName(), settings.webmStoragePath().toAbsolutePath().toString());
        return properties;
    }

}
