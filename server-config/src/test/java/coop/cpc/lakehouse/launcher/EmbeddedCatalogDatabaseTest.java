package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCatalogDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void runsWithLogicalReplicationAndDurableCommitsAndKeepsDataAcrossRestarts() throws Exception {
        int port = freePort();
        Path data = dir.resolve("postgres");
        ProcessHandle postmaster;
        try (EmbeddedCatalogDatabase database = EmbeddedCatalogDatabase.start(data, port, dir.resolve("pg.log"))) {
            postmaster = EmbeddedCatalogDatabase.runningPostmaster(data).orElseThrow();
            try (Connection connection = connect(database);
                    Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "wal_level")).isEqualTo("logical");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                sql.execute("CREATE TABLE kept (v text)");
                sql.execute("INSERT INTO kept VALUES ('survives a restart')");
            }
        }
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        try (EmbeddedCatalogDatabase database = EmbeddedCatalogDatabase.start(data, port, dir.resolve("pg.log"));
                Connection connection = connect(database);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives a restart");
        }
    }

    @Test
    void refusesAPostgresqlOfAnotherDataFolderThatAnswersOnItsPort() throws Exception {
        int port = freePort();
        try (EmbeddedCatalogDatabase other =
                EmbeddedCatalogDatabase.start(dir.resolve("other"), port, dir.resolve("other.log"))) {
            assertThatThrownBy(() -> EmbeddedCatalogDatabase.start(dir.resolve("ours"), port, dir.resolve("ours.log")))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + port + " is served by a PostgreSQL of another data folder");

            // A postmaster that cannot bind the port exits by itself: give it the time to.
            Optional<ProcessHandle> ours = EmbeddedCatalogDatabase.runningPostmaster(dir.resolve("ours"));
            if (ours.isPresent()) {
                ours.get().onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(EmbeddedCatalogDatabase.runningPostmaster(dir.resolve("ours")))
                    .as("ours did not stay up")
                    .isEmpty();
            try (Connection connection = connect(other);
                    Statement sql = connection.createStatement()) {
                assertThat(Path.of(setting(sql, "data_directory")))
                        .as("the other one is left alone")
                        .isEqualTo(dir.resolve("other"));
            }
        }
    }

    private static Connection connect(EmbeddedCatalogDatabase database) throws Exception {
        return DriverManager.getConnection(
                database.connection().jdbcUrl(), database.connection().user(), "");
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
