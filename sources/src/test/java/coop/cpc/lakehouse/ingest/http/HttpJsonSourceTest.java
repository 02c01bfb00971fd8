package coop.cpc.lakehouse.ingest.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonSourceTest {

    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(Kind.INT64), false),
            new Column("vitals_hr", ColumnType.of(Kind.INT32), true));
    private static final String TOKEN = "s3cr3t-t0ken-value";
    /** Alias "api", bound to the test servers' host. */
    private static final SecretResolver SECRETS =
            SecretResolver.of(Map.of("api", TOKEN), Map.of("api", SecretBinding.parse("127.0.0.1", false)));

    private HttpServer server;
    private String base;
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final List<String> requestUris = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            requestUris.add(exchange.getRequestURI().toString());
            try (exchange) {
                handler.handle(exchange);
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** An answer without body but with one header (a redirect, a Retry-After). */
    private static void respondEmpty(HttpExchange exchange, int status, String header, String value)
            throws IOException {
        exchange.getResponseHeaders().add(header, value);
        respond(exchange, status, "");
    }

    private static String records(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> "{\"id\":" + i + ",\"vitals\":{\"hr\":" + (60 + i) + "}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String q = exchange.getRequestURI().getRawQuery();
        if (q == null) {
            return Map.of();
        }
        return java.util.Arrays.stream(q.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
    }

    private HttpSourceConfig.Builder config(String path) {
        return HttpSourceConfig.builder(URI.create(base + path))
                .ssrfAllowList(Set.of("127.0.0.1"))
                .readTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    /** Reads every page from the start, the rows into a sink nobody looks at. */
    private static HttpReadResult readAll(HttpJsonSource source) throws IOException {
        return source.read(source.start(), new CollectingSink());
    }

    private HttpJsonSource source(HttpSourceConfig config) {
        return new HttpJsonSource(config, SCHEMA, SECRETS, sleeps::add, Clock.systemUTC());
    }

    /** The client of {@link #serveOffsetPages}: records under /data, three a page. */
    private HttpSourceConfig.Builder offsetPages(String pathAndQuery) {
        return config(pathAndQuery).recordsPointer("/data").pagination(new Pagination.Offset("offset", "limit", 3, 0));
    }

    private void serveOffsetPages(int total) {
        serve("/visits", exchange -> {
            Map<String, String> q = query(exchange);
            int offset = Integer.parseInt(q.get("offset"));
            int limit = Integer.parseInt(q.get("limit"));
            respond(exchange, 200, "{\"data\":" + records(offset, Math.min(total, offset + limit)) + "}");
        });
    }

    @Test
    void readsOffsetPagesUntilAShortPage() throws Exception {
        serveOffsetPages(7);
        HttpJsonSource source = source(offsetPages("/visits?status=open").build());
        CollectingSink sink = new CollectingSink();

        HttpReadResult result = source.read(source.start(), sink);

        assertThat(sink.column(0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(sink.column(1)).containsExactly(60, 61, 62, 63, 64, 65, 66);
        assertThat(result.pages()).isEqualTo(3);
        assertThat(requestUris)
                .containsExactly(
                        "/visits?status=open&offset=0&limit=3",
                        "/visits?status=open&limit=3&offset=3",
                        "/visits?status=open&limit=3&offset=6");
        assertThat(source.sourceUri()).isEqualTo(base + "/visits");
        assertThat(result.mapping().mappings())
                .extracting(m -> m.column() + "<-" + m.sourceField())
                .containsExactly("id<-/id", "vitals_hr<-/vitals/hr");
    }

    @Test
    void readsCursorPages() throws Exception {
        HttpJsonSource source = cursorPages(
                records(0, 2) + ",\"meta\":{\"next\":\"c2\"}",
                records(2, 4) + ",\"meta\":{\"next\":\"c3\"}",
                records(4, 5) + ",\"meta\":{\"next\":null}");
        CollectingSink sink = new CollectingSink();
        source.read(source.start(), sink);
        assertThat(sink.column(0)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(requestUris).containsExactly("/cursor", "/cursor?after=c2", "/cursor?after=c3");
    }

    @Test
    void aCursorThatIsAnObjectFailsThePageInsteadOfEndingThePagination() {
        HttpJsonSource source =
                cursorPages(records(0, 2) + ",\"meta\":{\"next\":{\"token\":\"c2\"}}", records(2, 3), records(3, 4));

        assertThatThrownBy(() -> readAll(source))
                .hasMessage("GET " + base + "/cursor (page 1): cursor at /meta/next is not a scalar");
    }

    @Test
    void aCursorLongerThanTheBoundFailsThePageNamingItsLengthNotItsValue() {
        String cursor = "c".repeat(HttpJsonSource.MAX_CURSOR_CHARS + 1);
        HttpJsonSource source =
                cursorPages(records(0, 2) + ",\"meta\":{\"next\":\"" + cursor + "\"}", records(2, 3), records(3, 4));

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessage(
                        "GET " + base + "/cursor (page 1): cursor at /meta/next is 4097 characters, more than 4096");
        assertThat(requestUris).containsExactly("/cursor");
    }

    @Test
    void aCursorWhoseNextPageUrlIsLongerThanTheBoundFailsThePage() {
        // 4,000 characters, each percent-encoded as six: the next URL would be over 24,000 characters long.
        String cursor = "é".repeat(4000);
        HttpJsonSource source =
                cursorPages(records(0, 2) + ",\"meta\":{\"next\":\"" + cursor + "\"}", records(2, 3), records(3, 4));

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessage("GET " + base + "/cursor (page 1): the next page's URL is "
                        + ((base + "/cursor?after=").length() + 4000 * 6) + " characters, more than 8192");
        assertThat(requestUris).containsExactly("/cursor");
    }

    @Test
    void aLinkNextTargetLongerThanTheBoundFailsThePage() {
        serve("/longlink", exchange -> {
            exchange.getResponseHeaders()
                    .add("Link", "</longlink?page=" + "2".repeat(HttpJsonSource.MAX_URL_CHARS) + ">; rel=\"next\"");
            respond(exchange, 200, records(0, 1));
        });
        HttpJsonSource source = source(
                config("/longlink").pagination(new Pagination.LinkHeader()).build());

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessage("GET " + base + "/longlink (page 1): Link rel=\"next\" is 8207 characters, more than 8192");
        assertThat(requestUris).containsExactly("/longlink");
    }

    @Test
    void aRedirectLocationLongerThanTheBoundFailsThePage() {
        serve("/far", exchange -> respondEmpty(exchange, 302, "Location", "/far?p=" + "x".repeat(8200)));
        HttpJsonSource source = source(config("/far").build());

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessage("GET " + base + "/far (page 1): HTTP 302 redirect Location is 8207 characters, more"
                        + " than 8192");
        assertThat(requestUris).containsExactly("/far");
    }

    @Test
    void anInvalidRedirectLocationFailsThePageWithoutItsQueryValuesInAnyMessage() {
        serve("/bad", exchange -> respondEmpty(exchange, 302, "Location", "/items?api_key=XYZ123 &page=2"));
        HttpJsonSource source = source(config("/bad").build());

        Throwable failure = catchThrowableOfType(() -> readAll(source), HttpSourceException.class);

        assertThat(failure).hasMessageContaining("HTTP 302 redirect to an invalid URL");
        assertThat(messageChain(failure)).doesNotContain("XYZ123");
    }

    @Test
    void anInvalidLinkNextTargetFailsThePageWithoutItsQueryValuesInAnyMessage() {
        serve("/badlink", exchange -> {
            exchange.getResponseHeaders().add("Link", "</items?api_key=XYZ123 &page=2>; rel=\"next\"");
            respond(exchange, 200, records(0, 1));
        });
        HttpJsonSource source = source(
                config("/badlink").pagination(new Pagination.LinkHeader()).build());

        Throwable failure = catchThrowableOfType(() -> readAll(source), HttpSourceException.class);

        assertThat(failure).hasMessageContaining("Link rel=\"next\" is not a valid URL");
        assertThat(messageChain(failure)).doesNotContain("XYZ123");
    }

    /** Every message a log line would print: the throwable's, its causes' and its suppressed ones'. */
    private static String messageChain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                text.append(messageChain(s));
            }
        }
        return text.toString();
    }

    @Test
    void configRefusesAUrlLongerThanTheBoundNamingItsLength() {
        URI url = URI.create("https://api.example.com/v1?q=" + "x".repeat(HttpJsonSource.MAX_URL_CHARS));

        assertThatThrownBy(() -> HttpSourceConfig.builder(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must be at most 8192 characters, not "
                        + url.toString().length());
    }

    @Test
    void readsRecordsOfTheLastArrayWhenANameRepeats() throws Exception {
        serve("/twice", exchange -> respond(exchange, 200, "{\"data\":[],\"data\":" + records(0, 2) + "}"));
        CollectingSink sink = new CollectingSink();

        HttpJsonSource source = source(config("/twice").recordsPointer("/data").build());
        source.read(source.start(), sink);

        assertThat(sink.column(0)).containsExactly(0L, 1L);
    }

    @Test
    void failsOnAPaginationLoopLongerThanOnePageNamingTheRepeatedPage() throws Exception {
        HttpJsonSource source = cursorPages(
                records(0, 1) + ",\"meta\":{\"next\":\"c2\"}",
                records(1, 2) + ",\"meta\":{\"next\":\"c3\"}",
                records(2, 3) + ",\"meta\":{\"next\":\"c2\"}");

        assertThatThrownBy(() -> source.read(source.start(), new CollectingSink()))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageEndingWith(": pagination loop: page 4 is page 2 again; the API's next page points back");
        assertThat(requestUris).containsExactly("/cursor", "/cursor?after=c2", "/cursor?after=c3");
    }

    /**
     * A cursor-paged API at {@code /cursor}: the first page (no cursor), the page of cursor c2, and
     * that of any other cursor; each given as its records array and the rest of the page's object.
     */
    private HttpJsonSource cursorPages(String first, String afterC2, String afterOther) {
        serve("/cursor", exchange -> {
            String page = switch (query(exchange).getOrDefault("after", "")) {
                case "" -> first;
                case "c2" -> afterC2;
                default -> afterOther;
            };
            respond(exchange, 200, "{\"items\":" + page + "}");
        });
        return source(config("/cursor")
                .recordsPointer("/items")
                .pagination(new Pagination.Cursor("/meta/next", "after"))
                .build());
    }

    @Test
    void followsLinkHeaderNextPages() throws Exception {
        serve("/linked", exchange -> {
            int page = Integer.parseInt(query(exchange).getOrDefault("page", "1"));
            if (page < 3) {
                exchange.getResponseHeaders()
                        .add(
                                "Link",
                                "<" + base + "/linked?page=1>; rel=\"first\", </linked?page=" + (page + 1)
                                        + ">; rel=\"next\"");
            }
            respond(exchange, 200, records(page * 10, page * 10 + 2));
        });
        HttpJsonSource source =
                source(config("/linked").pagination(new Pagination.LinkHeader()).build());
        CollectingSink sink = new CollectingSink();
        HttpReadResult result = source.read(source.start(), sink);
        assertThat(sink.column(0)).containsExactly(10L, 11L, 20L, 21L, 30L, 31L);
        assertThat(result.pages()).isEqualTo(3);
    }

    @Test
    void sendsEachAuthKindAsItsHeader() throws Exception {
        serve("/auth", exchange -> respond(exchange, 200, records(0, 1)));
        source(config("/auth").auth(new Auth.Bearer("api")).build())
                .read(new HttpCheckpoint(URI.create(base + "/auth"), 0, 0), new CollectingSink());
        HttpJsonSource basic =
                source(config("/auth").auth(new Auth.Basic("ingest", "api")).build());
        basic.read(basic.start(), new CollectingSink());
        HttpJsonSource apiKey =
                source(config("/auth").auth(new Auth.ApiKey("X-API-Key", "api")).build());
        apiKey.read(apiKey.start(), new CollectingSink());

        assertThat(requestHeaders.get(0).get("Authorization")).containsExactly("Bearer " + TOKEN);
        assertThat(requestHeaders.get(1).get("Authorization"))
                .containsExactly("Basic " + Base64.getEncoder().encodeToString(("ingest:" + TOKEN).getBytes(UTF_8)));
        assertThat(requestHeaders.get(2).get("X-api-key")).containsExactly(TOKEN);
    }

    @Test
    void refusedRequestNamesStatusButNeverTheSecret() {
        serve("/denied", exchange -> respond(exchange, 401, "{\"error\":\"bad token " + TOKEN + "\"}"));
        HttpJsonSource source = source(
                config("/denied?region=plain").auth(new Auth.Bearer("api")).build());

        HttpSourceException e = catchThrowableOfType(HttpSourceException.class, () -> readAll(source));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessage("GET " + base + "/denied?region=* (page 1) returned HTTP 401");
        assertThat(e.url()).doesNotContain("plain");
        assertThat(source.config().toString()).doesNotContain(TOKEN);
    }

    @Test
    void unknownSecretAliasIsRefusedBeforeAnyRequest() {
        HttpJsonSource source =
                source(config("/x").auth(new Auth.Bearer("nope")).build());
        assertThatThrownBy(() -> source.open(source.start()))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageContaining("secret alias 'nope' has no binding, so it is sent nowhere");
        assertThat(requestUris).isEmpty();
    }

    @Test
    void aSecretIsNotSentToAUrlItsAliasIsNotBoundTo() {
        serve("/x", exchange -> respond(exchange, 200, records(0, 1)));
        SecretResolver boundElsewhere = SecretResolver.of(
                Map.of("api", TOKEN),
                Map.of("api", SecretBinding.parse("https://api.example.org/v1/, postgresql://127.0.0.1/db", false)));
        HttpJsonSource source = new HttpJsonSource(
                config("/x").auth(new Auth.Bearer("api")).build(),
                SCHEMA,
                boundElsewhere,
                sleeps::add,
                Clock.systemUTC());

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageContaining("secret alias 'api' is not bound to http://127.0.0.1:")
                .hasMessageNotContaining(TOKEN);
        assertThat(requestUris).isEmpty();
    }

    @Test
    void aSecretBoundToAPathPrefixIsNotSentOutsideIt() throws Exception {
        serve("/v1/items", exchange -> {
            exchange.getResponseHeaders().add("Link", "<" + base + "/admin/items>; rel=\"next\"");
            respond(exchange, 200, records(0, 1));
        });
        serve("/admin/items", exchange -> respond(exchange, 200, records(2, 3)));
        SecretResolver v1Only =
                SecretResolver.of(Map.of("api", TOKEN), Map.of("api", SecretBinding.parse(base + "/v1/", false)));
        HttpJsonSource source = new HttpJsonSource(
                config("/v1/items")
                        .pagination(new Pagination.LinkHeader())
                        .auth(new Auth.Bearer("api"))
                        .build(),
                SCHEMA,
                v1Only,
                sleeps::add,
                Clock.systemUTC());

        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageContaining("refusing to send the secret to " + base + "/admin/items");
        assertThat(requestUris).containsExactly("/v1/items");
    }

    @Test
    void aUrlCarryingACredentialInItsQueryIsRefusedBeforeAnyRequest() {
        serve("/x", exchange -> respond(exchange, 200, records(0, 1)));
        for (String query : List.of(
                "token=abc",
                "a=1&api_key=abc",
                "access_token=abc",
                "X-Amz-Signature=abc",
                "client_secret=abc",
                "sig=abc",
                "apiKey=abc")) {
            HttpJsonSource source = source(config("/x?" + query).build());
            assertThatThrownBy(() -> source.open(source.start()))
                    .as(query)
                    .isInstanceOf(HttpSourceException.class)
                    .hasMessageContaining("looks like a credential")
                    .hasMessageNotContaining("abc");
        }
        assertThat(requestUris).isEmpty();
        assertThat(SecretQueryParameters.isSecretName("page_token")).isFalse();
        assertThat(SecretQueryParameters.isSecretName("nextPageToken")).isFalse();
        assertThat(SecretQueryParameters.isSecretName("limit")).isFalse();
    }

    @Test
    void credentialsAreNotSentToAnotherOrigin() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<Map<String, List<String>>> otherHeaders = new CopyOnWriteArrayList<>();
        other.createContext("/", exchange -> {
            otherHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            try (exchange) {
                respond(exchange, 200, records(1, 2));
            }
        });
        other.start();
        try {
            serve("/first", exchange -> {
                exchange.getResponseHeaders()
                        .add("Link", "<http://127.0.0.1:" + other.getAddress().getPort() + "/more>; rel=\"next\"");
                respond(exchange, 200, records(0, 1));
            });
            HttpJsonSource source = source(config("/first")
                    .pagination(new Pagination.LinkHeader())
                    .auth(new Auth.Bearer("api"))
                    .build());
            CollectingSink sink = new CollectingSink();
            source.read(source.start(), sink);
            assertThat(sink.column(0)).containsExactly(0L, 1L);
            assertThat(requestHeaders.get(0)).containsKey("Authorization");
            assertThat(otherHeaders.get(0)).doesNotContainKey("Authorization");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void retries503ThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        serve("/flaky", exchange -> respond(exchange, calls.incrementAndGet() <= 2 ? 503 : 200, records(0, 2)));
        HttpJsonSource source = source(config("/flaky").maxRetries(3).build());
        CollectingSink sink = new CollectingSink();
        source.read(source.start(), sink);
        assertThat(sink.rows).hasSize(2);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheStatus() {
        serve("/down", exchange -> respond(exchange, 502, ""));
        HttpJsonSource source = source(config("/down").maxRetries(2).build());
        HttpSourceException e = catchThrowableOfType(HttpSourceException.class, () -> readAll(source));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e).hasMessage("GET " + base + "/down (page 1) returned HTTP 502 after 3 attempt(s)");
        assertThat(requestUris).hasSize(3);
    }

    @Test
    void honoursRetryAfterSeconds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        serve("/busy", exchange -> {
            if (calls.incrementAndGet() == 1) {
                respondEmpty(exchange, 429, "Retry-After", "2");
            } else {
                respond(exchange, 200, records(0, 1));
            }
        });
        HttpJsonSource source = source(config("/busy").build());
        readAll(source);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLongerThanMaxBackoffFails() {
        serve("/later", exchange -> respondEmpty(exchange, 503, "Retry-After", "3600"));
        HttpJsonSource source = source(config("/later").build());
        assertThatThrownBy(() -> readAll(source))
                .hasMessageContaining("asking to retry after 3600 s, more than maxBackoff 5 s");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retriesConnectionFailures() {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpJsonSource source = source(HttpSourceConfig.builder(URI.create("http://127.0.0.1:" + port + "/gone"))
                .ssrfAllowList(Set.of("127.0.0.1"))
                .maxRetries(1)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .build());
        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageStartingWith("GET http://127.0.0.1:" + port + "/gone (page 1) failed after 2 attempt(s): ");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void responseOverTheSizeLimitFailsThePage() {
        serve("/big", exchange -> respond(exchange, 200, records(0, 1000)));
        HttpJsonSource source = source(config("/big").maxResponseBytes(1024).build());
        HttpSourceException e = catchThrowableOfType(HttpSourceException.class, () -> readAll(source));
        assertThat(e)
                .hasMessage("GET " + base + "/big (page 1): HTTP 200 response exceeds 1024 bytes (maxResponseBytes)");
        assertThat(requestUris).hasSize(1);
    }

    @Test
    void chunkedResponseOverTheSizeLimitFailsThePage() {
        serve("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(records(0, 1000).getBytes(UTF_8));
            } catch (IOException expected) {
                // The client hangs up once it has seen enough.
            }
        });
        HttpJsonSource source = source(config("/stream").maxResponseBytes(1024).build());
        assertThatThrownBy(() -> readAll(source))
                .hasMessageEndingWith("response exceeds 1024 bytes (maxResponseBytes)");
    }

    @Test
    void redirectToAPrivateAddressIsRefused() {
        serve("/moved", exchange -> respondEmpty(exchange, 302, "Location", "http://10.0.0.7/internal"));
        HttpJsonSource source = source(config("/moved").build());
        assertThatThrownBy(() -> readAll(source))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("10.0.0.7, a private (10.0.0.0/8) address");
    }

    @Test
    void followsRedirectsWithinTheLimit() throws Exception {
        serve("/hop", exchange -> {
            int n = Integer.parseInt(query(exchange).getOrDefault("n", "0"));
            if (n < 3) {
                respondEmpty(exchange, 307, "Location", "/hop?n=" + (n + 1));
            } else {
                respond(exchange, 200, records(0, 1));
            }
        });
        serve("/loop", exchange -> respondEmpty(exchange, 301, "Location", "/loop"));
        CollectingSink sink = new CollectingSink();
        HttpJsonSource hop = source(config("/hop").build());
        hop.read(hop.start(), sink);
        assertThat(sink.rows).hasSize(1);
        HttpJsonSource loop = source(config("/loop").build());
        assertThatThrownBy(() -> readAll(loop)).hasMessageEndingWith("more than 5 redirects");
    }

    @Test
    void refusesLoopbackWithoutAllowList() {
        HttpJsonSource source =
                source(HttpSourceConfig.builder(URI.create(base + "/x")).build());
        assertThatThrownBy(() -> readAll(source)).isInstanceOf(SsrfRefusedException.class);
        assertThat(requestUris).isEmpty();
    }

    @Test
    void resumesFromACheckpointWithoutRepeatingCommittedRecords() throws Exception {
        serveOffsetPages(8);
        HttpSourceConfig config = offsetPages("/visits").build();
        HttpJsonSource source = source(config);
        CollectingSink first = new CollectingSink();
        HttpRecordReader reader = source.open(source.start());
        for (int i = 0; i < 4; i++) {
            reader.readNext(first);
        }
        HttpCheckpoint committed = reader.checkpoint();
        assertThat(committed.pagesDone()).isEqualTo(1);
        assertThat(committed.recordIndex()).isEqualTo(1);

        CollectingSink second = new CollectingSink();
        source(config).read(committed, second);

        List<Object> ids = new ArrayList<>(first.column(0));
        ids.addAll(second.column(0));
        assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void checkpointAfterTheLastRecordOfAPagePointsAtTheNextPage() throws Exception {
        serveOffsetPages(6);
        HttpJsonSource source = source(offsetPages("/visits").build());
        HttpRecordReader reader = source.open(source.start());
        for (int i = 0; i < 3; i++) {
            reader.readNext(new CollectingSink());
        }
        assertThat(reader.checkpoint().page().getRawQuery()).isEqualTo("limit=3&offset=3");
        assertThat(reader.checkpoint().recordIndex()).isZero();
    }

    @Test
    void badRecordsAreRejectedWithTheirPageAndIndex() throws Exception {
        serve("/mixed", exchange -> respond(exchange, 200, "[{\"id\":1},{\"id\":1.5},{\"vitals\":{\"hr\":1}},[2]]"));
        HttpJsonSource source = source(config("/mixed").build());
        CollectingSink sink = new CollectingSink();
        HttpReadResult result = source.read(source.start(), sink);
        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(sink.rejects)
                .extracting(r -> r.position() + ": " + r.reason())
                .containsExactly(
                        "page 1, record 2: column 'id' expects int64, got 1.5 (has a fraction)",
                        "page 1, record 3: column 'id' (int64, not nullable) is missing",
                        "page 1, record 4: record is not a JSON object: [2]");
        assertThat(sink.rejects.get(0).source()).isEqualTo(base + "/mixed");
    }

    @Test
    void recordsThatAreNoTreeAreRejectedWithTheirPageAndIndexAndTheOthersRead() throws Exception {
        serve(
                "/odd",
                exchange -> respond(
                        exchange, 200, "[{\"id\":1},{\"id\":2,\"x\":1e2147483648},{\"id\":3,\"id\":4},{\"id\":5}]"));
        HttpJsonSource source = source(config("/odd").build());
        CollectingSink sink = new CollectingSink();

        HttpReadResult result = source.read(source.start(), sink);

        assertThat(sink.column(0)).containsExactly(1L, 5L);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(sink.rejects)
                .extracting(r -> r.position() + ": " + r.reason())
                .containsExactly(
                        "page 1, record 2: number 1e2147483648 is out of range: its exponent is too large",
                        "page 1, record 3: field 'id' appears twice in one object");
    }

    @Test
    void aCursorNumberNoDecimalHoldsIsSentBackAsItWasWritten() throws Exception {
        HttpJsonSource source =
                cursorPages(records(0, 1) + ",\"meta\":{\"next\":1e2147483648}", records(5, 6), records(1, 2));
        CollectingSink sink = new CollectingSink();

        source.read(source.start(), sink);

        assertThat(sink.column(0)).containsExactly(0L, 1L);
        assertThat(requestUris).containsExactly("/cursor", "/cursor?after=1e2147483648");
    }

    @Test
    void anApiThatIgnoresTheOffsetFailsAtTheHundredthIdenticalPageInsteadOfReadingMaxPagesCopies() {
        serve("/deaf", exchange -> respond(exchange, 200, "{\"data\":" + records(0, 3) + "}"));
        HttpJsonSource source = source(offsetPages("/deaf").build());
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> source.read(source.start(), sink))
                .isInstanceOf(HttpSourceException.class)
                .hasMessage("GET " + base + "/deaf?limit=*&offset=*: pages 1 to 100 are the same, byte for byte;"
                        + " the API seems to ignore the page's offset or cursor");
        assertThat(sink.column(0)).hasSize(99 * 3);
        assertThat(requestUris).hasSize(100);
    }

    @Test
    void consecutivePagesThatAreLegitimatelyIdenticalAreAllRead() throws Exception {
        serve("/same", exchange -> {
            Map<String, String> q = query(exchange);
            int offset = Integer.parseInt(q.get("offset"));
            int count = Math.max(0, Math.min(7, offset + Integer.parseInt(q.get("limit"))) - offset);
            respond(exchange, 200, "{\"data\":" + Collections.nCopies(count, "{\"id\":7}") + "}");
        });
        HttpJsonSource source = source(offsetPages("/same").build());
        CollectingSink sink = new CollectingSink();

        source.read(source.start(), sink);

        assertThat(sink.column(0)).containsExactly(7L, 7L, 7L, 7L, 7L, 7L, 7L);
    }

    @Test
    void pageWithoutTheRecordsArrayFailsNamingThePointer() {
        serve("/shape", exchange -> respond(exchange, 200, "{\"data\":{\"id\":1}}"));
        HttpJsonSource source = source(config("/shape").recordsPointer("/data").build());
        assertThatThrownBy(() -> readAll(source))
                .hasMessage("GET " + base + "/shape (page 1): /data is not an array but object");
    }

    @Test
    void nonJsonResponseFailsWithItsPosition() {
        serve("/html", exchange -> respond(exchange, 200, "<html></html>"));
        HttpJsonSource source = source(config("/html").build());
        assertThatThrownBy(() -> readAll(source))
                .hasMessageStartingWith("GET " + base + "/html (page 1): response is not JSON (line 1, column 1)");
    }

    @Test
    void truncatedJsonResponseSaysInPlainWordsWhichArrayIsNotClosed() {
        serve("/cut", exchange -> respond(exchange, 200, "[{\"id\":1},\n{\"id\":2}"));
        HttpJsonSource source = source(config("/cut").build());
        assertThatThrownBy(() -> readAll(source))
                .hasMessageStartingWith("GET " + base + "/cut (page 1): response is not JSON (line 2")
                .hasMessageContaining("unexpected end of input: the array opened at line 1, column 1 is not closed")
                .hasMessageNotContaining("Source")
                .hasMessageNotContaining("REDACTED");
    }

    @Test
    void morePagesThanMaxPagesFailsRatherThanTruncating() {
        serveOffsetPages(100);
        HttpJsonSource source = source(offsetPages("/visits").maxPages(2).build());
        CollectingSink sink = new CollectingSink();
        assertThatThrownBy(() -> source.read(source.start(), sink)).hasMessageContaining("more than maxPages=2 pages");
        assertThat(sink.rows).hasSize(6);
    }

    @Test
    void configRefusesCredentialsInTheUrl() {
        assertThatThrownBy(() -> HttpSourceConfig.builder(URI.create("https://user:pw@api.example.com/v1"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "url must not carry credentials (https://api.example.com/v1); configure auth with a secret alias");
    }
}
