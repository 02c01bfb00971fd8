package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.config.InvalidConfigurationException;
import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher refuses taken ports before it starts anything (no PostgreSQL, no WildFly). */
class LakehouseLauncherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ShutdownSequence shutdown =
            new ShutdownSequence(new PrintStream(console, true, StandardCharsets.UTF_8));

    @Test
    void aDatabasePortServedByAPostgresqlOfAnotherDataFolderStopsTheLauncherBeforeItStartsAnything() throws Exception {
        int port = freePort();
        try (EmbeddedCatalogDatabase other =
                EmbeddedCatalogDatabase.start(dir.resolve("other-postgres"), port, dir.resolve("other.log"))) {
            LakehouseSettings settings = settings(port, freePort(), freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith("Port " + port + " for the embedded PostgreSQL is already in use")
                    .hasMessageContaining("embedded_postgresql_port");

            assertNothingStarted();
            try (Connection connection =
                            DriverManager.getConnection(other.connection().jdbcUrl(), "postgres", "");
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SHOW data_directory")) {
                rows.next();
                assertThat(Path.of(rows.getString(1)))
                        .as("the other PostgreSQL is left alone")
                        .isEqualTo(dir.resolve("other-postgres"));
            }
        }
    }

    @Test
    void aDatabasePortTakenByTheDataFoldersPostgresqlOfALauncherStillRunningSaysSo() throws Exception {
        Process postmaster = sleeper();
        Process otherLauncher = sleeper();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            pretendPostmaster(postmaster.pid());
            Files.writeString(
                    LauncherPidFile.of(dir.resolve("postgres")), LauncherPidFile.line(otherLauncher.toHandle()));
            LakehouseSettings settings = settings(taken.getLocalPort(), freePort(), freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("is running as process " + postmaster.pid() + " for another launcher (pid "
                            + otherLauncher.pid() + ") that is still running")
                    .hasMessageNotContaining("killed");
        } finally {
            postmaster.destroy();
            otherLauncher.destroy();
        }
    }

    @Test
    void aDatabasePortTakenByTheDataFoldersPostgresqlWhoseLauncherIsGoneSaysItWasKilled() throws Exception {
        Process postmaster = sleeper();
        Process deadLauncher = sleeper();
        String record = LauncherPidFile.line(deadLauncher.toHandle());
        deadLauncher.destroy();
        deadLauncher.waitFor();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            pretendPostmaster(postmaster.pid());
            Files.writeString(LauncherPidFile.of(dir.resolve("postgres")), record);
            LakehouseSettings settings = settings(taken.getLocalPort(), freePort(), freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("is running as process " + postmaster.pid()
                            + ", left by a launcher that was killed: stop it with 'kill -INT " + postmaster.pid())
                    .hasMessageNotContaining("another launcher");
        } finally {
            postmaster.destroy();
        }
    }

    @Test
    void aLauncherRecordsItselfBesideItsDataFolderAndIsNotAnotherLauncherToItself() throws Exception {
        LauncherPidFile.record(dir.resolve("postgres"));
        assertThat(Files.readString(dir.resolve("postgres.launcher.pid")))
                .isEqualTo(LauncherPidFile.line(ProcessHandle.current()));
        assertThat(LauncherPidFile.runningOther(dir.resolve("postgres"))).isEmpty();
        assertThat(LauncherPidFile.runningOther(dir.resolve("liberty-postgres")))
                .as("another data folder has no launcher recorded")
                .isEmpty();
    }

    @Test
    void theLauncherOfAnotherDataFolderIsNotNamedForThisOne() throws Exception {
        Process postmaster = sleeper();
        Process otherFolderLauncher = sleeper();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            pretendPostmaster(postmaster.pid());
            Files.writeString(
                    LauncherPidFile.of(dir.resolve("liberty-postgres")),
                    LauncherPidFile.line(otherFolderLauncher.toHandle()));
            LakehouseSettings settings = settings(taken.getLocalPort(), freePort(), freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageNotContaining("pid " + otherFolderLauncher.pid());
        } finally {
            postmaster.destroy();
            otherFolderLauncher.destroy();
        }
    }

    /** A live local process standing in for a postmaster or a launcher (only its pid and start time matter). */
    private static Process sleeper() throws Exception {
        return new ProcessBuilder("sleep", "60").start();
    }

    /** PostgreSQL's own record of the server of the data folder: its first line is the postmaster's pid. */
    private void pretendPostmaster(long pid) throws Exception {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres").resolve("postmaster.pid"), pid + "\n");
    }

    @Test
    void aTakenHttpPortStopsTheLauncherBeforeItStartsTheDatabase() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LakehouseSettings settings = settings(freePort(), taken.getLocalPort(), freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith(
                            "Port " + taken.getLocalPort() + " for the HTTP listener of WildFly is already in use")
                    .hasMessageContaining("http_port");
            assertNothingStarted();
        }
    }

    @Test
    void aTakenManagementPortStopsTheLauncherBeforeItStartsTheDatabase() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LakehouseSettings settings = settings(freePort(), freePort(), taken.getLocalPort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith("Port " + taken.getLocalPort()
                            + " for the management interface of WildFly is already in use")
                    .hasMessageContaining("management_port");
            assertNothingStarted();
        }
    }

    @Test
    void aTakenHttpsPortStopsTheLauncherBecauseWildFlyWouldBootWithoutItsListeners() throws Exception {
        int httpPort = freePort();
        int httpsPort = WildFlyServer.httpsPort(httpPort);
        try (ServerSocket taken = new ServerSocket(httpsPort, 50, InetAddress.getLoopbackAddress())) {
            LakehouseSettings settings = settings(freePort(), httpPort, freePort());

            assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith(
                            "Port " + httpsPort + " for the HTTPS listener of WildFly (port derived from http_port)")
                    .hasMessageContaining("http_port");
            assertNothingStarted();
        }
    }

    @Test
    void theHttpsPortFollowsTheHttpPortLikeWildFlysOwnDefaults() {
        assertThat(WildFlyServer.httpsPort(8080)).isEqualTo(8443);
        assertThat(WildFlyServer.httpsPort(18080)).isEqualTo(18443);
        assertThat(WildFlyServer.httpsPort(65535)).isEqualTo(65172);
    }

    @Test
    void portsThatCollideAreRefusedNamingEachKey() throws Exception {
        int port = freePort();
        LakehouseSettings settings = settings(freePort(), port, port);

        assertThatThrownBy(() -> launcher().run(settings, StartupClock.fromEnvironment()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("http_port=" + port)
                .hasMessageContaining("management_port=" + port);
        assertNothingStarted();
    }

    @Test
    void aMistypedSystemPropertyStopsTheLauncherInsteadOfReachingTheServer() {
        System.setProperty("data_lakehouse.postgresql_conection", "postgresql://u:hunter2@db.example.org/lakehouse");
        try {
            assertThatThrownBy(() -> launcher().loadSettings())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("Invalid lakehouse configuration: the system property"
                            + " data_lakehouse.postgresql_conection names no key"
                            + " (closest: data_lakehouse.postgresql_connection)");
        } finally {
            System.clearProperty("data_lakehouse.postgresql_conection");
        }
        assertNothingStarted();
    }

    private LakehouseLauncher launcher() {
        return new LakehouseLauncher(
                new PrintStream(console, true, StandardCharsets.UTF_8),
                dir.resolve("lakehouse.ear"),
                dir.resolve("var"),
                shutdown);
    }

    private void assertNothingStarted() {
        assertThat(dir.resolve("postgres"))
                .as("no PostgreSQL was started on the launcher's data folder")
                .doesNotExist();
        assertThat(dir.resolve("var"))
                .as("no WildFly was provisioned or started")
                .doesNotExist();
        assertThat(shutdown.startsInProgress()).isZero();
        shutdown.stopAll();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .as("nothing to stop")
                .doesNotContain("Stopping");
    }

    @Test
    void theServerLearnsTheEmbeddedDatabasesFolderAsAnAbsolutePathOnlyWhenItIsTheCatalog() {
        coop.cpc.lakehouse.config.PostgresConnection catalog =
                coop.cpc.lakehouse.config.PostgresConnection.of("localhost", 5432, "lakehouse", "postgres", "");
        LakehouseSettings embedded = LakehouseSettings.from(name -> Optional.empty());
        LakehouseSettings external =
                LakehouseSettings.from(name -> name.equals(LakehouseKey.POSTGRESQL_CONNECTION.propertyName())
                        ? Optional.of("postgresql://user:secret@db.example.org:5432/lakehouse")
                        : Optional.empty());

        String folder = LakehouseLauncher.serverProperties(catalog, embedded, Optional.empty())
                .get(LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH.propertyName());
        assertThat(folder).isEqualTo(Path.of("var/postgres").toAbsolutePath().toString());
        assertThat(LakehouseLauncher.serverProperties(catalog, external, Optional.empty()))
                .doesNotContainKey(LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH.propertyName());
    }

    private LakehouseSettings settings(int databasePort, int httpPort, int managementPort) {
        Map<String, String> values = Map.of(
                LakehouseKey.EMBEDDED_POSTGRESQL_PORT.propertyName(), String.valueOf(databasePort),
                LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH.propertyName(),
                        dir.resolve("postgres").toString(),
                LakehouseKey.HTTP_PORT.propertyName(), String.valueOf(httpPort),
                LakehouseKey.MANAGEMENT_PORT.propertyName(), String.valueOf(managementPort),
                LakehouseKey.WEBM_STORAGE_PATH.propertyName(),
                        dir.resolve("var/webm").toString(),
                LakehouseKey.LOCAL_SOURCE_ROOTS.propertyName(),
                        dir.resolve("var/inbox").toString());
        return LakehouseSettings.from(name -> Optional.ofNullable(values.get(name)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
