package coop.cpc.lakehouse.application.startup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class CatalogStartupTest {

    private static PGSimpleDataSource catalogAt(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/lakehouse");
        dataSource.setUser("lakehouse");
        return dataSource;
    }

    @Test
    void aHungCatalogDatabaseStopsTheDeploymentWithinItsBoundNamingWhatItWaitedFor() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        // Accepts and says nothing, as a stopped (hung) PostgreSQL's kernel does.
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(hung.accept());
                    }
                } catch (IOException closed) {
                    // stopped
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try {
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> assertThatThrownBy(() -> CatalogStartup.awaitCatalogAnswer(
                                        catalogAt(hung.getLocalPort()),
                                        "java:jboss/datasources/LakehouseDS",
                                        Duration.ofSeconds(1)))
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("catalog database did not answer within 1 s at deployment")
                                .hasMessageContaining("java:jboss/datasources/LakehouseDS"));
            } finally {
                hung.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
                acceptor.join(5_000);
            }
        }
    }

    @Test
    void aCatalogThatAnswersWithAnErrorLeavesItToTheMigration() {
        // Nothing listens on port 1: the driver answers at once (connection refused); Flyway reports that.
        assertThatCode(() -> CatalogStartup.awaitCatalogAnswer(
                        catalogAt(1), "java:jboss/datasources/LakehouseDS", Duration.ofSeconds(5)))
                .doesNotThrowAnyException();
    }
}
