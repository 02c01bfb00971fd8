package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCatalogDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void runsWithLogicalReplicationAndDurableCommitsAndKeepsDataAcrossRestarts() throws Exception {
        int port = freePort();
        Path data = dir.resolve("postgres");
        try (EmbeddedCatalogDatabase database = EmbeddedCatalogDatabase.start(data, port, dir.resolve("pg.log"))) {
            try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "wal_level")).isEqualTo("logical");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                sql.execute("CREATE TABLE kept (v text)");
                sql.execute("INSERT INTO kept VALUES ('survives a restart')");
            }
        }
        try (EmbeddedCatalogDatabase database = EmbeddedCatalogDatabase.start(data, port, dir.resolve("pg.log"));
                Connection connection = connect(database);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives a restart");
        }
    }

    private static Connection connect(EmbeddedCatalogDatabase database) throws Exception {
        return DriverManager.getConnection(database.connection().jdbcUrl(), database.connection().user(), "");
    }

    private static String setting(Statement sql, String name) throws Exception {
        try (ResultSet rows = sql.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
