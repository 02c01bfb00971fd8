package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class CatalogSchemaProbeTest {

    /** A hung catalog database: it accepts connections (the kernel does, for a stopped server) and says nothing. */
    private ServerSocket hungDatabase;

    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        hungDatabase = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    connections.add(hungDatabase.accept());
                }
            } catch (IOException closed) {
                // stopped
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        hungDatabase.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.join(5_000);
    }

    private PGSimpleDataSource hungCatalog() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + hungDatabase.getLocalPort() + "/lakehouse");
        dataSource.setUser("lakehouse");
        return dataSource;
    }

    @Test
    void aHungCatalogDatabaseIsReportedWithinTheBoundInsteadOfHoldingTheCaller() {
        CatalogSchemaProbe probe = new CatalogSchemaProbe(Duration.ofSeconds(1));

        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> probe.schemaVersion(hungCatalog()))
                        .isInstanceOf(CatalogNotAnsweringException.class)
                        .hasMessage("catalog database did not answer within 1 s"));
    }

    @Test
    void whileAQuestionWaitsTheNextCallersAreToldAtOnceAndNoOtherIsAsked() throws Exception {
        CatalogSchemaProbe probe = new CatalogSchemaProbe(Duration.ofSeconds(1));
        PGSimpleDataSource catalog = hungCatalog();
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> probe.schemaVersion(catalog))
                        .isInstanceOf(CatalogNotAnsweringException.class));

        for (int probeRequest = 0; probeRequest < 5; probeRequest++) {
            CatalogNotAnsweringException told = (CatalogNotAnsweringException) assertTimeoutPreemptively(
                    Duration.ofMillis(500), () -> catchSql(() -> probe.schemaVersion(catalog)));
            assertThat(told.earlierQuestion()).isTrue();
            assertThat(told.getMessage()).startsWith("catalog database has not answered for ");
        }
        assertThat(connections).as("connections the probes opened").hasSize(1);
    }

    @Test
    void aDatabaseErrorIsPassedOnAndTheNextCallAsksAgain() {
        CatalogSchemaProbe probe = new CatalogSchemaProbe(Duration.ofSeconds(5));
        PGSimpleDataSource nobodyListens = new PGSimpleDataSource();
        nobodyListens.setUrl("jdbc:postgresql://127.0.0.1:1/lakehouse");

        assertThatThrownBy(() -> probe.schemaVersion(nobodyListens))
                .isInstanceOf(SQLException.class)
                .isNotInstanceOf(CatalogNotAnsweringException.class);
        assertThatThrownBy(() -> probe.schemaVersion(nobodyListens))
                .isInstanceOf(SQLException.class)
                .isNotInstanceOf(CatalogNotAnsweringException.class);
    }

    private interface SqlCall {
        Object call() throws SQLException;
    }

    private static SQLException catchSql(SqlCall call) {
        try {
            call.call();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no SQLException");
    }
}
