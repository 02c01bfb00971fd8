package coop.cpc.lakehouse.catalog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for one test class. Each call of {@link #newDatabase()} gives an empty
 * database, so tests in a class do not see each other's rows or schema changes.
 */
public final class EmbeddedCatalog implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedCatalog(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedCatalog start() {
        try {
            // zonky turns synchronous_commit off by default; the server runs with it on.
            return new EmbeddedCatalog(EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** A new empty database; its DataSource connects as the superuser "postgres". */
    public DataSource newDatabase() {
        String name = "catalog_" + databases.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** JDBC URL of a database made by {@link #newDatabase()}, for bootstrapping JPA. */
    public String jdbcUrl(DataSource database) {
        try (Connection connection = database.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the JDBC URL", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
