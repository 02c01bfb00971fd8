package coop.cpc.lakehouse.ingest.postgres;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source database's JDBC URL, {@code jdbc:postgresql://host[:port]/database[?parameters]}, parsed
 * strictly: one host, no credentials, and only parameters that cannot change what the connection
 * reads or where the driver loads code or files from. Timeouts are bounded.
 *
 * <p>Allowed parameters: {@code sslmode}, {@code channelBinding}, {@code connectTimeout} (1–60 s,
 * default 10), {@code loginTimeout} (1–120 s, default 30), {@code socketTimeout} (1–3600 s, default
 * 600), {@code tcpKeepAlive}, {@code ApplicationName}. Anything else ({@code options},
 * {@code readOnly}, {@code socketFactory}, {@code sslfactory}, {@code sslrootcert},
 * {@code loggerFile}, {@code service}, …) is refused.
 */
public record SourceDatabaseUrl(String host, int port, String database, Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    public static final int MAX_CONNECT_TIMEOUT = 60;
    public static final int DEFAULT_LOGIN_TIMEOUT = 30;
    public static final int MAX_LOGIN_TIMEOUT = 120;
    public static final int DEFAULT_SOCKET_TIMEOUT = 600;
    public static final int MAX_SOCKET_TIMEOUT = 3600;

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://([A-Za-z0-9_.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?/([A-Za-z0-9_$-]{1,63})(?:\\?(.*))?");
    private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9 _.-]{1,63}");
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> CHANNEL_BINDINGS = Set.of("prefer", "require");
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    public SourceDatabaseUrl {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @throws IllegalArgumentException saying what is wrong, without echoing parameter values */
    public static SourceDatabaseUrl parse(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "must look like jdbc:postgresql://host:port/database, one host, no credentials");
        }
        int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            for (String pair : m.group(4).split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                String problem = problemWith(name, value);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                if (parameters.put(name, value) != null) {
                    throw new IllegalArgumentException("parameter " + name + " is given twice");
                }
            }
        }
        return new SourceDatabaseUrl(m.group(1).toLowerCase(Locale.ROOT), port, m.group(3), parameters);
    }

    private static String problemWith(String name, String value) {
        return switch (name) {
            case "sslmode" -> SSL_MODES.contains(value) ? null : "sslmode must be one of " + SSL_MODES;
            case "channelBinding" ->
                CHANNEL_BINDINGS.contains(value) ? null : "channelBinding must be prefer or require";
            case "tcpKeepAlive" -> BOOLEANS.contains(value) ? null : "tcpKeepAlive must be true or false";
            case "ApplicationName" ->
                APPLICATION_NAME.matcher(value).matches()
                        ? null
                        : "ApplicationName must be 1 to 63 letters, digits, spaces, '_', '.' or '-'";
            case "connectTimeout" -> bounded(name, value, MAX_CONNECT_TIMEOUT);
            case "loginTimeout" -> bounded(name, value, MAX_LOGIN_TIMEOUT);
            case "socketTimeout" -> bounded(name, value, MAX_SOCKET_TIMEOUT);
            default ->
                "parameter '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "' is not allowed; "
                        + "allowed: sslmode, channelBinding, connectTimeout, loginTimeout, socketTimeout, tcpKeepAlive, ApplicationName";
        };
    }

    private static String bounded(String name, String value, int max) {
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            return name + " must be 1 to " + max + " seconds";
        }
        return null;
    }

    /** The host without IPv6 brackets. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public String sslmode() {
        return parameters.getOrDefault("sslmode", "prefer");
    }

    public int seconds(String parameter, int defaultSeconds) {
        return parameters.containsKey(parameter) ? Integer.parseInt(parameters.get(parameter)) : defaultSeconds;
    }

    /** {@code postgresql://host:port/database}: for lineage and messages. */
    @Override
    public String toString() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }
}
