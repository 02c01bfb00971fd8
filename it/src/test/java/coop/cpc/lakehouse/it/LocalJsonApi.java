package coop.cpc.lakehouse.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON API of the test's own, on 127.0.0.1 (a free port; the server allow-lists that address), that answers one
 * path until it is closed. Its pages ask for the bearer token the server knows only by alias.
 */
final class LocalJsonApi implements AutoCloseable {
    /** The server has it as {@code lakehouse.secrets.it_api_token} (arquillian.xml). */
    static final String TOKEN = System.getProperty("lakehouse.it.api.token", "it-token-5b7e0c2a9f41");

    private final HttpServer server;
    private final String path;

    private LocalJsonApi(HttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /** Started: {@code handler} answers the requests to {@code path}. */
    static LocalJsonApi serve(String path, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext(path, handler);
        server.start();
        return new LocalJsonApi(server, path);
    }

    /**
     * The httpApi source of a job that reads this API: records at {@code /data}, the next page's cursor at
     * {@code cursorPointer} sent back as the query parameter {@code cursorParam}, the token by its alias.
     */
    Map<String, Object> cursorPagedSource(String cursorPointer, String cursorParam) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + path);
        source.put("recordsPointer", "/data");
        source.put("pagination", Map.of("kind", "CURSOR", "cursorPointer", cursorPointer, "cursorParam", cursorParam));
        source.put("auth", Map.of("kind", "BEARER", "secretAlias", "it_api_token"));
        return source;
    }

    /** Whether the request lacks {@link #TOKEN}; if it does, it has been answered 401. */
    static boolean refusedWithoutToken(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return false;
        }
        respond(exchange, 401, "{\"error\": \"unauthorized\"}");
        return true;
    }

    /** Answers with {@code status} and the JSON {@code body}. */
    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
