package coop.cpc.lakehouse.ingest.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.JsonSyntaxProblem;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Reads the records of a JSON API page by page into rows of a schema.
 *
 * <p>Every request, including each redirect hop (followed here, at most {@value #MAX_REDIRECTS},
 * never by the client) and each Link-header page, passes the {@link SsrfGuard} first. Credentials
 * are sent only to the origin of the configured URL. An I/O error, a 429 or a 5xx is retried with
 * exponential back-off and jitter, or after the server's Retry-After; other statuses fail at once.
 *
 * <p>What the server says the next request is, is bounded before it is used: a cursor of at most
 * {@value #MAX_CURSOR_CHARS} characters, a next page's URL (built from a cursor, a Link header or an offset) and a
 * redirect's Location of at most {@value #MAX_URL_CHARS}. A longer one fails the page: it would be kept in every
 * checkpoint of the run and sent as a request line that servers refuse.
 */
public final class HttpJsonSource {

    static final int MAX_REDIRECTS = 5;

    /** The longest cursor sent back; real APIs use a few hundred characters. */
    static final int MAX_CURSOR_CHARS = 4096;

    /** The longest next-page URL or redirect Location followed; servers refuse request lines over 8 to 64 KiB. */
    static final int MAX_URL_CHARS = 8192;

    private static final Logger LOG = Logger.getLogger(HttpJsonSource.class.getName());
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpSourceConfig config;
    private final Schema schema;
    private final SecretResolver secrets;
    private final SsrfGuard guard;
    private final Sleeper sleeper;
    private final Clock clock;
    private final JsonPointer recordsPointer;
    private final HttpClient client;

    public HttpJsonSource(HttpSourceConfig config, Schema schema, SecretResolver secrets) {
        this(config, schema, secrets, (Executor) null, Sleeper.REAL, Clock.systemUTC());
    }

    /**
     * @param executor runs the HTTP client's work, e.g. the server's managed executor; null for
     *                 the client's own threads
     */
    public HttpJsonSource(HttpSourceConfig config, Schema schema, SecretResolver secrets, Executor executor) {
        this(config, schema, secrets, executor, Sleeper.REAL, Clock.systemUTC());
    }

    /**
     * With the shared client of {@code clients} for the configured connect timeout: what a server that
     * runs many sources uses, so that N runs do not hold N clients (see {@link HttpClients}).
     */
    public HttpJsonSource(HttpSourceConfig config, Schema schema, SecretResolver secrets, HttpClients clients) {
        this(
                config,
                schema,
                secrets,
                clients.forConnectTimeout(config.connectTimeout()),
                Sleeper.REAL,
                Clock.systemUTC());
    }

    HttpJsonSource(HttpSourceConfig config, Schema schema, SecretResolver secrets, Sleeper sleeper, Clock clock) {
        this(config, schema, secrets, (Executor) null, sleeper, clock);
    }

    private HttpJsonSource(
            HttpSourceConfig config,
            Schema schema,
            SecretResolver secrets,
            Executor executor,
            Sleeper sleeper,
            Clock clock) {
        this(config, schema, secrets, ownClient(config, executor), sleeper, clock);
    }

    private HttpJsonSource(
            HttpSourceConfig config,
            Schema schema,
            SecretResolver secrets,
            HttpClient client,
            Sleeper sleeper,
            Clock clock) {
        this.config = config;
        this.schema = schema;
        this.secrets = secrets;
        this.guard = new SsrfGuard(config.ssrfAllowList());
        this.sleeper = sleeper;
        this.clock = clock;
        this.recordsPointer = JsonPointer.compile(config.recordsPointer());
        this.client = client;
    }

    /** A client of this source alone (one-off reads and tests); a server shares them through {@link HttpClients}. */
    private static HttpClient ownClient(HttpSourceConfig config, Executor executor) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            client.executor(executor);
        }
        return client.build();
    }

    public HttpSourceConfig config() {
        return config;
    }

    /** The configured URL without user info or query, for lineage. */
    public String sourceUri() {
        return Urls.withoutQuery(config.url());
    }

    /** The checkpoint of a fresh run: the first page, nothing read. */
    public HttpCheckpoint start() {
        URI first = config.url();
        if (config.pagination() instanceof Pagination.Offset o) {
            first = Urls.withParam(
                    Urls.withParam(first, o.offsetParam(), Long.toString(o.start())),
                    o.limitParam(),
                    Integer.toString(o.pageSize()));
        }
        return new HttpCheckpoint(first, 0, 0);
    }

    /** Opens a reader positioned at a checkpoint; resolves the auth secret now. */
    public HttpRecordReader open(HttpCheckpoint from) throws IOException {
        Optional<String> secretParameter = SecretQueryParameters.find(config.url());
        if (secretParameter.isPresent()) {
            String shown = Urls.redacted(config.url());
            throw new HttpSourceException(
                    shown,
                    HttpSourceException.NO_STATUS,
                    shown + ": query parameter '" + secretParameter.get()
                            + "' looks like a credential; secrets go by alias in auth, never in the URL",
                    null);
        }
        return new HttpRecordReader(this, authHeader(), from, schema);
    }

    /** Reads every remaining page from a checkpoint. */
    public HttpReadResult read(HttpCheckpoint from, RowSink sink) throws IOException {
        HttpRecordReader reader = open(from);
        while (reader.readNext(sink)) {
            continue;
        }
        return new HttpReadResult(reader.rows(), reader.rejected(), reader.pagesFetched(), reader.mapping());
    }

    /** A header that authenticates, and where its secret may go; its toString hides the value. */
    record AuthHeader(String name, String value, SecretBinding binding) {
        @Override
        public String toString() {
            return name + ": ***";
        }
    }

    /** One page's records, the URL of the next page (or null at the end) and a hash of the page's body. */
    record Page(PageBody.Records records, URI next, long bodyHash) {}

    private AuthHeader authHeader() throws HttpSourceException {
        Auth auth = config.auth();
        if (auth instanceof Auth.None) {
            return null;
        }
        String alias = auth instanceof Auth.Bearer b
                ? b.secretAlias()
                : auth instanceof Auth.Basic b ? b.secretAlias() : ((Auth.ApiKey) auth).secretAlias();
        String shown = Urls.redacted(config.url());
        SecretBinding binding;
        String secret;
        try {
            SecretDestination destination = new SecretDestination.Http(config.url());
            binding = secrets.requireBound("auth.secretAlias", alias, destination);
            secret = secrets.resolveFor("auth.secretAlias", alias, destination);
        } catch (SecretRefusedException e) {
            throw new HttpSourceException(shown, HttpSourceException.NO_STATUS, shown + ": " + e.getMessage(), null);
        }
        for (char c : secret.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new HttpSourceException(
                        shown,
                        HttpSourceException.NO_STATUS,
                        shown + ": the secret of alias '" + alias + "' holds control characters",
                        null);
            }
        }
        if (auth instanceof Auth.Bearer) {
            return new AuthHeader("Authorization", "Bearer " + secret, binding);
        }
        if (auth instanceof Auth.Basic b) {
            String pair = b.username() + ":" + secret;
            return new AuthHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                    binding);
        }
        return new AuthHeader(((Auth.ApiKey) auth).headerName(), secret, binding);
    }

    /** Fetches one page with retries and redirects. */
    Page fetch(URI pageUri, int pagesDone, AuthHeader auth) throws IOException {
        String shown = Urls.redacted(pageUri);
        String where = "GET " + shown + " (page " + (pagesDone + 1) + ")";
        for (int attempt = 0; ; attempt++) {
            Exchange exchange;
            try {
                exchange = exchange(pageUri, auth, where);
            } catch (HttpSourceException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= config.maxRetries()) {
                    throw new HttpSourceException(
                            shown,
                            HttpSourceException.NO_STATUS,
                            where + " failed after " + (attempt + 1) + " attempt(s): " + describe(e),
                            e);
                }
                Duration wait = backoff(attempt);
                LOG.warning(() -> where + " failed (" + describe(e) + "); retrying in " + wait.toMillis() + " ms");
                sleep(wait);
                continue;
            }
            int status = exchange.status();
            if (status / 100 == 2) {
                return page(exchange, pageUri, where);
            }
            boolean retryable = status == 429 || status / 100 == 5;
            if (retryable && attempt < config.maxRetries()) {
                Optional<Duration> asked = retryAfter(exchange.headers());
                if (asked.isPresent() && asked.get().compareTo(config.maxBackoff()) > 0) {
                    throw new HttpSourceException(
                            shown,
                            status,
                            where + " returned HTTP " + status
                                    + " asking to retry after " + asked.get().toSeconds() + " s, more than maxBackoff "
                                    + config.maxBackoff().toSeconds() + " s",
                            null);
                }
                int failed = attempt;
                Duration wait = asked.orElseGet(() -> backoff(failed));
                LOG.warning(() -> where + " returned HTTP " + status + "; retrying in " + wait.toMillis() + " ms");
                sleep(wait);
                continue;
            }
            throw new HttpSourceException(
                    shown,
                    status,
                    where + " returned HTTP " + status + (retryable ? " after " + (attempt + 1) + " attempt(s)" : ""),
                    null);
        }
    }

    /** A final (non-redirect) response: the URL that gave it, its status, headers and body. */
    private record Exchange(URI uri, int status, HttpHeaders headers, byte[] body) {}

    private Exchange exchange(URI first, AuthHeader auth, String where) throws IOException {
        URI current = first;
        for (int hop = 0; ; hop++) {
            guard.check(current);
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .GET()
                    .timeout(config.readTimeout())
                    .header("Accept", "application/json");
            if (auth != null && Urls.sameOrigin(current, config.url())) {
                if (!auth.binding().permits(new SecretDestination.Http(current))) {
                    // Same origin, but outside the paths the secret is bound to (a redirect or a next-page link).
                    throw new HttpSourceException(
                            Urls.redacted(current),
                            HttpSourceException.NO_STATUS,
                            where
                                    + ": refusing to send the secret to " + Urls.redacted(current)
                                    + ", outside the destinations its alias is bound to",
                            null);
                }
                request.header(auth.name(), auth.value());
            }
            HttpResponse<byte[]> response = send(request.build(), where);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return new Exchange(current, status, response.headers(), response.body());
            }
            String shown = Urls.redacted(current);
            Optional<String> location = response.headers().firstValue("location");
            if (location.isEmpty()) {
                throw new HttpSourceException(
                        shown, status, where + ": HTTP " + status + " redirect without Location", null);
            }
            if (hop >= MAX_REDIRECTS) {
                throw new HttpSourceException(
                        shown, status, where + ": more than " + MAX_REDIRECTS + " redirects", null);
            }
            if (location.get().length() > MAX_URL_CHARS) {
                throw new HttpSourceException(
                        shown,
                        status,
                        where + ": HTTP " + status + " redirect Location is "
                                + location.get().length() + " characters, more than " + MAX_URL_CHARS,
                        null);
            }
            try {
                current = current.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new HttpSourceException(
                        shown,
                        status,
                        where + ": HTTP " + status + " redirect to an invalid URL (" + Urls.problem(e) + ")",
                        null);
            }
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String where) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(
                request,
                info -> info.statusCode() / 100 == 2
                        ? new LimitedBodySubscriber(
                                config.maxResponseBytes(),
                                info.headers()
                                        .firstValueAsLong("content-length")
                                        .orElse(-1),
                                info.statusCode())
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            // The client's request timeout covers only the headers; this bounds the body too.
            return response.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new HttpTimeoutException(
                    "no complete response within " + config.readTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(where + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ResponseTooLargeException tooLarge) {
                String shown = Urls.redacted(request.uri());
                throw new HttpSourceException(
                        shown,
                        tooLarge.status(),
                        where + ": HTTP " + tooLarge.status() + " " + tooLarge.getMessage(),
                        tooLarge);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(where + ": " + cause, cause);
        }
    }

    private Page page(Exchange exchange, URI pageUri, String where) throws HttpSourceException {
        String shown = Urls.redacted(pageUri);
        PageBody body;
        try {
            body = PageBody.read(exchange.body());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new HttpSourceException(
                    shown,
                    exchange.status(),
                    where + ": response is not JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + ": " + JsonSyntaxProblem.of(e),
                    e);
        } catch (IOException e) {
            throw new HttpSourceException(shown, exchange.status(), where + ": unreadable response", e);
        }
        if (body == null) {
            throw new HttpSourceException(shown, exchange.status(), where + ": empty response", null);
        }
        JsonToken kind = body.kindAt(recordsPointer);
        String pointer = config.recordsPointer().isEmpty() ? "the page" : config.recordsPointer();
        if (kind == null) {
            throw new HttpSourceException(shown, exchange.status(), where + ": no records at " + pointer, null);
        }
        if (kind != JsonToken.START_ARRAY) {
            throw new HttpSourceException(
                    shown, exchange.status(), where + ": " + pointer + " is not an array but " + kindName(kind), null);
        }
        PageBody.Records records = body.recordsAt(recordsPointer);
        URI next = next(exchange, body, pageUri, records.size(), where);
        if (next != null && next.toString().length() > MAX_URL_CHARS) {
            throw new HttpSourceException(
                    shown,
                    exchange.status(),
                    where + ": the next page's URL is " + next.toString().length() + " characters, more than "
                            + MAX_URL_CHARS,
                    null);
        }
        if (next != null && next.equals(pageUri)) {
            throw new HttpSourceException(shown, exchange.status(), where + ": the next page is this page again", null);
        }
        return new Page(records, next, FetchedPages.hash(exchange.body()));
    }

    /** The name {@code JsonNodeType} gives the kind of value starting with this token, in lower case. */
    private static String kindName(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "pojo";
        };
    }

    private URI next(Exchange exchange, PageBody body, URI pageUri, int count, String where)
            throws HttpSourceException {
        Pagination pagination = config.pagination();
        if (pagination instanceof Pagination.Offset o) {
            if (count < o.pageSize()) {
                return null;
            }
            long offset;
            try {
                offset = Urls.param(pageUri, o.offsetParam())
                        .map(Long::parseLong)
                        .orElse(o.start());
            } catch (NumberFormatException e) {
                throw new HttpSourceException(
                        Urls.redacted(pageUri), exchange.status(), where + ": offset is not a number", e);
            }
            return Urls.withParam(pageUri, o.offsetParam(), Long.toString(offset + count));
        }
        if (pagination instanceof Pagination.Cursor c) {
            JsonPointer at = JsonPointer.compile(c.cursorPointer());
            JsonToken kind = body.kindAt(at);
            if (kind == JsonToken.START_OBJECT || kind == JsonToken.START_ARRAY) {
                throw new HttpSourceException(
                        Urls.redacted(pageUri),
                        exchange.status(),
                        where + ": cursor at " + c.cursorPointer() + " is not a scalar",
                        null);
            }
            String cursor = kind == null ? null : body.scalarTextAt(at);
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
            if (cursor.length() > MAX_CURSOR_CHARS) {
                throw new HttpSourceException(
                        Urls.redacted(pageUri),
                        exchange.status(),
                        where + ": cursor at " + c.cursorPointer() + " is " + cursor.length()
                                + " characters, more than " + MAX_CURSOR_CHARS,
                        null);
            }
            return Urls.withParam(config.url(), c.cursorParam(), cursor);
        }
        if (pagination instanceof Pagination.LinkHeader) {
            Optional<String> link = LinkHeader.next(exchange.headers().allValues("link"));
            if (link.isEmpty()) {
                return null;
            }
            if (link.get().length() > MAX_URL_CHARS) {
                throw new HttpSourceException(
                        Urls.redacted(pageUri),
                        exchange.status(),
                        where + ": Link rel=\"next\" is " + link.get().length() + " characters, more than "
                                + MAX_URL_CHARS,
                        null);
            }
            try {
                return exchange.uri().resolve(link.get());
            } catch (IllegalArgumentException e) {
                throw new HttpSourceException(
                        Urls.redacted(pageUri),
                        exchange.status(),
                        where + ": Link rel=\"next\" is not a valid URL (" + Urls.problem(e) + ")",
                        null);
            }
        }
        return null;
    }

    /** Exponential, capped, with "equal jitter": half the delay fixed, half random. */
    Duration backoff(int attempt) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long delay = attempt >= 30 ? max : Math.min(max, initial << attempt);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
    }

    /** Retry-After as delta-seconds or an HTTP date. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("retry-after").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration d =
                    Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void sleep(Duration d) throws InterruptedIOException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
