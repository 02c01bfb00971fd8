package coop.cpc.lakehouse.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of one HTTP JSON source. It holds no secret (auth names an alias), so it may be
 * printed, logged and stored.
 *
 * @param url              first page; http or https, no user info (credentials go in auth), at most
 *                         {@value HttpJsonSource#MAX_URL_CHARS} characters
 * @param recordsPointer   JSON pointer to the records array in a page ({@code /data}); empty
 *                         when the page itself is the array
 * @param pagination       how the next page is found
 * @param auth             how requests authenticate
 * @param connectTimeout   to open a connection
 * @param readTimeout      for one whole response, headers and body
 * @param maxRetries       further attempts after an I/O error, a 429 or a 5xx
 * @param initialBackoff   wait before the first retry, doubled each time, with jitter
 * @param maxBackoff       longest wait; a Retry-After asking for longer fails the page
 * @param maxResponseBytes largest page body; reading stops and the page fails beyond it
 * @param maxPages         most pages one run may fetch; more fails the run rather than
 *                         silently stopping
 * @param ssrfAllowList    host names or IP literals exempt from the SSRF guard
 */
public record HttpSourceConfig(
        URI url,
        String recordsPointer,
        Pagination pagination,
        Auth auth,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        long maxResponseBytes,
        int maxPages,
        Set<String> ssrfAllowList) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
    public static final int DEFAULT_MAX_PAGES = 10_000;
    /** Upper bounds a job may set: a page is parsed whole, so its bytes bound the run's memory. */
    public static final long MAX_RESPONSE_BYTES = 64L << 20;

    public static final int MAX_PAGES = 1_000_000;
    public static final int MAX_RETRIES = 10;
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration MAX_READ_TIMEOUT = Duration.ofSeconds(600);

    public HttpSourceConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be http or https: " + Urls.redacted(url));
        }
        if (url.toString().length() > HttpJsonSource.MAX_URL_CHARS) {
            throw new IllegalArgumentException("url must be at most " + HttpJsonSource.MAX_URL_CHARS
                    + " characters, not " + url.toString().length());
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "url must not carry credentials (" + Urls.redacted(url) + "); configure auth with a secret alias");
        }
        recordsPointer = recordsPointer == null ? "" : recordsPointer;
        JsonPointer.compile(recordsPointer);
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(auth, "auth");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requireAtMost(connectTimeout, MAX_CONNECT_TIMEOUT, "connectTimeoutSeconds");
        requireAtMost(readTimeout, MAX_READ_TIMEOUT, "readTimeoutSeconds");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || maxResponseBytes < 1 || maxPages < 1) {
            throw new IllegalArgumentException("need maxRetries >= 0, maxResponseBytes >= 1, maxPages >= 1; got "
                    + maxRetries + ", " + maxResponseBytes + ", " + maxPages);
        }
        requireAtMost(maxRetries, MAX_RETRIES, "maxRetries");
        requireAtMost(maxResponseBytes, MAX_RESPONSE_BYTES, "maxResponseBytes");
        requireAtMost(maxPages, MAX_PAGES, "maxPages");
        ssrfAllowList = Set.copyOf(ssrfAllowList);
    }

    private static void requireAtMost(Duration d, Duration max, String field) {
        if (d.compareTo(max) > 0) {
            throw atMost(field, max.toSeconds(), d.toSeconds());
        }
    }

    private static void requireAtMost(long value, long max, String field) {
        if (value > max) {
            throw atMost(field, max, value);
        }
    }

    private static IllegalArgumentException atMost(String field, long max, long value) {
        return new IllegalArgumentException(field + " must be at most " + max + ", not " + value);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    /** A builder starting from the defaults: one page, no auth, no allow-list. */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Fluent construction with the defaults filled in. */
    public static final class Builder {
        private final URI url;
        private String recordsPointer = "";
        private Pagination pagination = new Pagination.None();
        private Auth auth = new Auth.None();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxPages = DEFAULT_MAX_PAGES;
        private Set<String> ssrfAllowList = Set.of();

        private Builder(URI url) {
            this.url = url;
        }

        public Builder recordsPointer(String v) {
            recordsPointer = v;
            return this;
        }

        public Builder pagination(Pagination v) {
            pagination = v;
            return this;
        }

        public Builder auth(Auth v) {
            auth = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder readTimeout(Duration v) {
            readTimeout = v;
            return this;
        }

        public Builder maxRetries(int v) {
            maxRetries = v;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        public Builder maxResponseBytes(long v) {
            maxResponseBytes = v;
            return this;
        }

        public Builder maxPages(int v) {
            maxPages = v;
            return this;
        }

        public Builder ssrfAllowList(Set<String> v) {
            ssrfAllowList = v;
            return this;
        }

        public HttpSourceConfig build() {
            return new HttpSourceConfig(
                    url,
                    recordsPointer,
                    pagination,
                    auth,
                    connectTimeout,
                    readTimeout,
                    maxRetries,
                    initialBackoff,
                    maxBackoff,
                    maxResponseBytes,
                    maxPages,
                    ssrfAllowList);
        }
    }
}
