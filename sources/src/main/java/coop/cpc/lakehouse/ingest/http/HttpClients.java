package coop.cpc.lakehouse.ingest.http;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP clients that {@link HttpJsonSource}s share: one per connect timeout, the only setting of
 * the client itself (the rest is per request).
 *
 * <p>A JDK {@link HttpClient} holds a selector thread, a pool of worker threads and its idle
 * connections. On Java 17 it has no {@code close()}: its selector thread ends only after the client
 * was garbage-collected. A client per run left one selector thread per run alive for as long as the
 * heap kept the client, for weeks on a large old generation. Shared, N runs use one client (and its
 * keep-alive connections) per connect timeout; job settings give whole seconds up to
 * {@link HttpSourceConfig#MAX_CONNECT_TIMEOUT}, so at most 120 clients.
 *
 * <p>The owner closes it when the application stops: the clients are dropped (and on Java 21 or later
 * shut down at once), so the next garbage collection ends their threads. Opened after close, a client is
 * made again.
 */
public final class HttpClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpClients.class.getName());

    private final Map<Duration, HttpClient> byConnectTimeout = new ConcurrentHashMap<>();

    /** The shared client for this connect timeout; redirects are never followed by it (the source checks each). */
    public HttpClient forConnectTimeout(Duration connectTimeout) {
        return byConnectTimeout.computeIfAbsent(
                connectTimeout,
                timeout -> HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    /** How many clients are held. */
    public int size() {
        return byConnectTimeout.size();
    }

    /** Drops every client; on a runtime whose HttpClient has shutdownNow (Java 21+), shuts each down. */
    @Override
    public void close() {
        List<HttpClient> dropped = new ArrayList<>(byConnectTimeout.values());
        byConnectTimeout.clear();
        for (HttpClient client : dropped) {
            shutdownNowIfSupported(client);
        }
    }

    private static void shutdownNowIfSupported(HttpClient client) {
        Method shutdownNow;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return; // Java 17: dropped, the selector thread ends after the client is collected
        }
        try {
            shutdownNow.invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "could not shut an HTTP client down; it is dropped", e);
        }
    }
}
