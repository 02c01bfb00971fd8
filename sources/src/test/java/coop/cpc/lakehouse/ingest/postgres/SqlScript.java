package coop.cpc.lakehouse.ingest.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Sets up a test database: runs statements one after the other on one connection. */
final class SqlScript {
    private SqlScript() {}

    static void execute(DataSource database, String... statements) throws SQLException {
        try (Connection c = database.getConnection();
                Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
