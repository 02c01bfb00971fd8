package coop.cpc.lakehouse.ingest.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** URL forms for lineage and messages, and query parameters for pagination. */
final class Urls {
    /** How much of a URL's host a message shows (a host may have 253 characters, a URI any number). */
    static final int SHOWN_HOST_CHARS = 64;

    /** How much of a URL's path a message shows; a source's next link or redirect may be of any length. */
    static final int SHOWN_PATH_CHARS = 200;

    private Urls() {}

    /** scheme://host[:port]/path: no user info, no query, no fragment; what lineage stores. */
    static String withoutQuery(URI uri) {
        return origin(uri) + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }

    /**
     * For messages and logs: the query's parameter names kept, every value masked; a host longer than {@value
     * #SHOWN_HOST_CHARS} characters and a path longer than {@value #SHOWN_PATH_CHARS} abbreviated.
     */
    static String redacted(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String shown = scheme + "://" + abbreviated(host, SHOWN_HOST_CHARS)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + abbreviated(path, SHOWN_PATH_CHARS);
        String query = uri.getRawQuery();
        if (query == null) {
            return shown;
        }
        List<String> masked = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            masked.add(abbreviated(eq < 0 ? pair : pair.substring(0, eq), SHOWN_HOST_CHARS) + "=*");
        }
        return shown + "?" + abbreviated(String.join("&", masked), SHOWN_PATH_CHARS);
    }

    /**
     * What is wrong with a URL that {@link URI#create} or {@link URI#resolve} refused, without the URL: its message
     * quotes the URL whole, query values (a key the server echoed) included, so it is never shown or kept as a cause.
     */
    static String problem(IllegalArgumentException refused) {
        return refused.getCause() instanceof URISyntaxException syntax
                ? syntax.getReason() + (syntax.getIndex() < 0 ? "" : " at index " + syntax.getIndex())
                : "not a URI";
    }

    private static String abbreviated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The URI with the parameter set to one value, replacing any it had. */
    static URI withParam(URI uri, String name, String value) {
        List<String> pairs = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (!key.equals(name) && !pair.isEmpty()) {
                    pairs.add(pair);
                }
            }
        }
        pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
        String s = uri.toString();
        int cut = s.indexOf('?');
        if (cut < 0) {
            cut = s.indexOf('#');
        }
        String base = cut < 0 ? s : s.substring(0, cut);
        try {
            return new URI(base + "?" + String.join("&", pairs));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot set parameter '" + name + "' on " + redacted(uri), e);
        }
    }

    /** The first value of a query parameter. */
    static Optional<String> param(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return Optional.empty();
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
