package coop.cpc.lakehouse.ingest.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private static final Schema SCHEMA = Schema.of(new Column("id", ColumnType.of(Kind.INT64), false));
    private static final int RUNS = 12;

    private HttpServer server;
    private String base;
    private final HttpClients clients = new HttpClients();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/items", exchange -> {
            try (exchange) {
                byte[] body = "[{\"id\":1},{\"id\":2}]".getBytes(UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
    }

    private HttpSourceConfig config(Duration connectTimeout) {
        return HttpSourceConfig.builder(URI.create(base + "/items"))
                .ssrfAllowList(Set.of("127.0.0.1"))
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void runsWithTheSameConnectTimeoutShareOneClientAndOneSelectorThread() throws IOException {
        Set<Thread> before = selectorThreads();
        List<HttpJsonSource> runs = new ArrayList<>(); // kept reachable: a collected client would hide a leak
        for (int i = 0; i < RUNS; i++) {
            HttpJsonSource run = new HttpJsonSource(
                    config(Duration.ofSeconds(10)), SCHEMA, SecretResolver.of(Map.of(), Map.of()), clients);
            assertThat(run.read(run.start(), new CollectingSink()).rows()).isEqualTo(2);
            runs.add(run);
        }

        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started)
                .as("selector threads started by %d runs", runs.size())
                .hasSizeLessThanOrEqualTo(1);
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void aClientIsSharedPerConnectTimeout() {
        HttpClient tenSeconds = clients.forConnectTimeout(Duration.ofSeconds(10));

        assertThat(clients.forConnectTimeout(Duration.ofSeconds(10))).isSameAs(tenSeconds);
        assertThat(clients.forConnectTimeout(Duration.ofSeconds(3))).isNotSameAs(tenSeconds);
        assertThat(clients.forConnectTimeout(Duration.ofSeconds(3)).connectTimeout())
                .contains(Duration.ofSeconds(3));
        assertThat(tenSeconds.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void closingDropsEveryClientAndALaterRunGetsANewOne() {
        HttpClient first = clients.forConnectTimeout(Duration.ofSeconds(10));

        clients.close();

        assertThat(clients.size()).isZero();
        assertThat(clients.forConnectTimeout(Duration.ofSeconds(10))).isNotSameAs(first);
    }
}
