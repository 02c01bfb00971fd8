package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.config.LakehouseKey;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void refusesAPortWithALoopbackListenerNamingThePortAndTheKeyThatSetsIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();

            assertThatThrownBy(() -> PortCheck.requireFree(
                            port, LakehouseKey.EMBEDDED_POSTGRESQL_PORT, "the embedded PostgreSQL"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith(
                            "Port " + port + " for the embedded PostgreSQL is already in use by another program")
                    .hasMessageContaining("embedded_postgresql_port")
                    .hasMessageContaining("data_lakehouse.embedded_postgresql_port")
                    .hasMessageContaining("DATA_LAKEHOUSE_EMBEDDED_POSTGRESQL_PORT");
        }
    }

    @Test
    void refusesAPortWithAWildcardListener() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThat(PortCheck.isFree(listener.getLocalPort())).isFalse();
        }
    }

    @Test
    void acceptsAPortWhoseServerHasJustStoppedAfterServingAConnection() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = listener.getLocalPort();
            // The server closes first, so its side of the connection stays in TIME_WAIT.
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket served = listener.accept()) {
                OutputStream out = served.getOutputStream();
                out.write(1);
                InputStream in = client.getInputStream();
                assertThat(in.read()).isEqualTo(1);
                served.close();
                assertThat(in.read()).isEqualTo(-1);
            }
        }

        assertThat(PortCheck.isFree(port))
                .as("a restart right after a stop is not refused")
                .isTrue();
        PortCheck.requireFree(port, LakehouseKey.HTTP_PORT, "the HTTP listener of WildFly");
    }
}
