package coop.cpc.lakehouse.ingest.postgres;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake PostgreSQL server on 127.0.0.1 that refuses TLS and asks every client for its password in
 * clear text (AuthenticationCleartextPassword, 'R' with code 3), recording every byte it receives.
 */
final class FakeCleartextServer implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket socket;
    private final Thread thread;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger connections = new AtomicInteger();

    FakeCleartextServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-cleartext-postgres");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.setSoTimeout(3000);
                talk(client);
            } catch (IOException e) {
                // The client hung up, or the server is closing.
            }
        }
    }

    private void talk(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(new Recording(client.getInputStream()));
        OutputStream out = client.getOutputStream();
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            in.skipNBytes(length - 8);
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                out.write('N');
                out.flush();
                continue;
            }
            break;
        }
        out.write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3});
        out.flush();
        try {
            // Whatever the client sends now (a PasswordMessage 'p', or nothing) is recorded.
            while (in.read() >= 0) {
                continue;
            }
        } catch (SocketTimeoutException e) {
            // The client neither answered nor hung up.
        }
    }

    private final class Recording extends InputStream {
        private final InputStream in;

        Recording(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                synchronized (FakeCleartextServer.this) {
                    received.write(b);
                }
            }
            return b;
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(5000);
    }
}
