package coop.cpc.lakehouse.it;

import coop.cpc.lakehouse.launcher.EmbeddedCatalogDatabase;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real PostgreSQL (the launcher's embedded one, fresh data folder) for the whole test
 * run, before Arquillian starts WildFly, with an empty segment folder (target/webm) for its new catalog; stops it
 * when the run ends. Register it before
 * ArquillianExtension. Does nothing inside the server (Arquillian runs extensions there too).
 */
public class ItDatabase implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ItDatabase.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (System.getProperty("jboss.server.name") != null) {
            return;
        }
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("database", key -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path dir = Path.of(System.getProperty("lakehouse.it.dir", "target"));
            // The server's local_source_roots; it exists before the server starts, whatever it checks then.
            Files.createDirectories(dir.resolve("inbox"));
            Path data = dir.resolve("it-postgres");
            ServerProvisioner.deleteRecursively(data);
            // A fresh catalog gets a fresh segment folder: the last run's folder is marked as its catalog's, and the
            // new catalog would (rightly) refuse to write or clean up there.
            ServerProvisioner.deleteRecursively(dir.resolve("webm"));
            return new Running(EmbeddedCatalogDatabase.start(data, port(), dir.resolve("it-postgres.log")));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL for the integration tests", e);
        }
    }

    static int port() {
        return Integer.parseInt(System.getProperty("lakehouse.it.db.port", "54329"));
    }

    /** A connection to the catalog database the server uses, to check what the API wrote. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port() + "/" + EmbeddedCatalogDatabase.DATABASE, "postgres", "");
    }

    /**
     * The rows {@code sql} finds in the catalog database, each column as PostgreSQL's text of it (null stays null),
     * with {@code parameters} bound in order.
     */
    public static List<List<String>> rows(String sql, String... parameters) throws SQLException {
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(r.getString(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The JDBC URL of another database in the tests' PostgreSQL (a source for ingestion jobs). */
    public static String url(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * Drops (closing its connections) and creates each of {@code databases}: a fresh catalog for a test's own server,
     * which needs a fresh segment folder too (a folder the dropped catalog marked is another catalog's).
     */
    public static void recreate(String... databases) throws SQLException {
        try (Connection admin = connect();
                Statement sql = admin.createStatement()) {
            for (String database : databases) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** A connection to another database in the tests' PostgreSQL, created on first use. */
    public static Connection connectCreating(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet found = exists.executeQuery()) {
                if (!found.next()) {
                    try (Statement create = admin.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        }
        return DriverManager.getConnection(url(database), "postgres", "");
    }

    record Running(EmbeddedCatalogDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            database.close();
        }
    }
}
