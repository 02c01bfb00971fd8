package coop.cpc.lakehouse.it.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint on another origin than the provider's issuer, the way Google serves its own
 * (https://oauth2.googleapis.com/token for the issuer https://accounts.google.com): a proxy of the test's own on
 * 127.0.0.1 (a free port) that forwards each request to Keycloak's token endpoint with the browser's
 * {@code Origin} and answers with Keycloak's status, body and CORS headers. Counts the requests it forwarded.
 * Stopped on close.
 */
final class CrossOriginTokenEndpoint implements AutoCloseable {
    private static final String PATH = "/oauth2/token";
    private static final List<String> FORWARDED_REQUEST_HEADERS =
            List.of("Content-Type", "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of(
            "Content-Type",
            "Cache-Control",
            "Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials",
            "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers",
            "Access-Control-Expose-Headers",
            "Vary");

    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI keycloakTokenEndpoint;
    private final AtomicInteger forwarded = new AtomicInteger();

    private CrossOriginTokenEndpoint(HttpServer server, URI keycloakTokenEndpoint) {
        this.server = server;
        this.keycloakTokenEndpoint = keycloakTokenEndpoint;
    }

    /** Started, forwarding to {@code keycloak}'s token endpoint. */
    static CrossOriginTokenEndpoint forwardingTo(Keycloak keycloak) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        CrossOriginTokenEndpoint endpoint =
                new CrossOriginTokenEndpoint(server, URI.create(keycloak.issuer() + "/protocol/openid-connect/token"));
        server.createContext(PATH, endpoint::forward);
        server.start();
        return endpoint;
    }

    /** Its URL: on 127.0.0.1 and a port of its own, so on another origin than Keycloak's issuer. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** How many requests reached it and were forwarded to Keycloak. */
    int forwarded() {
        return forwarded.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(keycloakTokenEndpoint)
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));
            for (String name : FORWARDED_REQUEST_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            for (String name : FORWARDED_RESPONSE_HEADERS) {
                answer.headers()
                        .firstValue(name)
                        .ifPresent(value -> exchange.getResponseHeaders().set(name, value));
            }
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while forwarding to " + keycloakTokenEndpoint, e);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
