package coop.cpc.lakehouse.ingest.secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The destinations one secret alias may be sent to, from {@code lakehouse.secrets.<alias>.allowed}:
 * comma-separated entries, each
 * <ul>
 * <li>an HTTP URL prefix, {@code https://api.example.org/v1/}: same scheme, host and port, and a
 *     path inside the prefix's path (whole segments; {@code ..} and encoded dots or slashes refused);</li>
 * <li>a host, {@code api.example.org}: any http or https URL on that host;</li>
 * <li>a PostgreSQL database, {@code postgresql://db.example.org:5432/plant} (port 5432 when left out).</li>
 * </ul>
 * A PostgreSQL password is never sent to a server that asks for it in clear text unless the link is
 * TLS with a verified certificate or {@code lakehouse.secrets.<alias>.allow_cleartext_password} is true.
 */
public record SecretBinding(
        List<URI> httpPrefixes,
        List<String> httpHosts,
        List<SecretDestination.Postgres> databases,
        boolean allowCleartextPassword) {

    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_.-]{0,252})|\\[[0-9a-f:.]+\\]");
    private static final Pattern POSTGRES =
            Pattern.compile("postgresql://([a-z0-9_.-]+|\\[[0-9a-f:.]+\\])(:(\\d{1,5}))?/([A-Za-z0-9_$-]{1,63})");
    private static final Pattern ENCODED_DOT_OR_SLASH = Pattern.compile("(?i)%2e|%2f|%5c");

    public SecretBinding {
        httpPrefixes = List.copyOf(httpPrefixes);
        httpHosts = List.copyOf(httpHosts);
        databases = List.copyOf(databases);
    }

    /**
     * @param allowed the comma-separated entries
     * @throws IllegalArgumentException naming the entry by position (entries are not echoed: a
     *                                  misplaced secret must not end up in a message)
     */
    public static SecretBinding parse(String allowed, boolean allowCleartextPassword) {
        List<URI> prefixes = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<SecretDestination.Postgres> databases = new ArrayList<>();
        String[] entries = allowed == null ? new String[0] : allowed.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            String lower = entry.toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (lower.startsWith("postgresql://")) {
                var m = POSTGRES.matcher(
                        entry.substring(0, "postgresql://".length()).toLowerCase(Locale.ROOT)
                                + entry.substring("postgresql://".length()));
                if (!m.matches()) {
                    throw new IllegalArgumentException(
                            "entry " + (i + 1) + " is not postgresql://host[:port]/database");
                }
                int port = m.group(3) == null ? 5432 : Integer.parseInt(m.group(3));
                databases.add(new SecretDestination.Postgres(
                        unbracket(m.group(1).toLowerCase(Locale.ROOT)), port, m.group(4)));
            } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    URI uri = new URI(entry).normalize();
                    if (uri.getHost() == null
                            || uri.getRawUserInfo() != null
                            || uri.getRawQuery() != null
                            || uri.getRawFragment() != null) {
                        throw new IllegalArgumentException("entry " + (i + 1) + " must be scheme://host[:port][/path]");
                    }
                    prefixes.add(uri);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("entry " + (i + 1) + " is not a URL");
                }
            } else if (HOST.matcher(lower).matches()) {
                hosts.add(unbracket(lower));
            } else {
                throw new IllegalArgumentException("entry " + (i + 1)
                        + " is neither an http(s) URL prefix, a host name " + "nor postgresql://host:port/database");
            }
        }
        return new SecretBinding(prefixes, hosts, databases, allowCleartextPassword);
    }

    public boolean isEmpty() {
        return httpPrefixes.isEmpty() && httpHosts.isEmpty() && databases.isEmpty();
    }

    /** True when the secret may be sent there. */
    public boolean permits(SecretDestination destination) {
        if (destination instanceof SecretDestination.Postgres p) {
            String host = unbracket(p.host().toLowerCase(Locale.ROOT));
            return databases.stream()
                    .anyMatch(d -> d.host().equals(host)
                            && d.port() == p.port()
                            && d.database().equals(p.database()));
        }
        URI url = ((SecretDestination.Http) destination).url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || url.getHost() == null
                || url.getRawUserInfo() != null) {
            return false;
        }
        String host = unbracket(url.getHost().toLowerCase(Locale.ROOT));
        if (httpHosts.contains(host)) {
            return true;
        }
        String path =
                url.normalize().getRawPath() == null ? "" : url.normalize().getRawPath();
        if (path.contains("..") || ENCODED_DOT_OR_SLASH.matcher(path).find() || path.contains("\\")) {
            return false;
        }
        for (URI prefix : httpPrefixes) {
            if (prefix.getScheme().equalsIgnoreCase(scheme)
                    && unbracket(prefix.getHost().toLowerCase(Locale.ROOT)).equals(host)
                    && effectivePort(prefix) == effectivePort(url)
                    && insidePath(path, prefix.getRawPath())) {
                return true;
            }
        }
        return false;
    }

    private static boolean insidePath(String path, String prefixPath) {
        if (prefixPath == null || prefixPath.isEmpty() || prefixPath.equals("/")) {
            return true;
        }
        String p = path.isEmpty() ? "/" : path;
        if (prefixPath.endsWith("/")) {
            return p.startsWith(prefixPath);
        }
        return p.equals(prefixPath) || p.startsWith(prefixPath + "/");
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
