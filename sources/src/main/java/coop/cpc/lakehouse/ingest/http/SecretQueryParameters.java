package coop.cpc.lakehouse.ingest.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query parameters that carry credentials ({@code ?token=…}, {@code api_key}, {@code X-Amz-Signature}…).
 * A source URL must not hold one: it would be stored, shown and logged with the job. Secrets go by
 * alias in auth. Names are compared lower-case without '-', '_' and '.'; pagination names
 * ({@code page_token}, {@code next_cursor}) are not credentials.
 */
public final class SecretQueryParameters {

    private static final Set<String> NAMES = Set.of(
            "token",
            "accesstoken",
            "refreshtoken",
            "idtoken",
            "authtoken",
            "apikey",
            "key",
            "apitoken",
            "password",
            "passwd",
            "pwd",
            "pass",
            "secret",
            "clientsecret",
            "signature",
            "sig",
            "auth",
            "authorization",
            "credential",
            "credentials",
            "session",
            "sessionid",
            "sid",
            "jwt",
            "bearer",
            "privatekey",
            "secretkey",
            "accesskey",
            "xamzsignature",
            "xamzcredential",
            "xamzsecuritytoken",
            "xgoogsignature",
            "xgoogcredential");
    private static final String[] SUFFIXES = {"token", "secret", "password", "apikey", "signature", "credential"};
    private static final String[] PAGINATION = {"page", "cursor", "next", "continuation", "offset"};

    /** The user info of a URL anywhere in a text (a JDBC URL too): what lies between {@code //} and an {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]{0,31}://)[^/?#@\\s\"'<>]*@");

    /** A {@code name=value} pair, as in a URL's query or a JDBC URL's properties. */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_.%\\[\\]-]{1,64})=([^&;\\s\"',)<>]*)");

    /** A JSON member with a text value, as in a source definition (up to 64 escapes: a bounded recursion). */
    private static final Pattern JSON_MEMBER =
            Pattern.compile("\"([A-Za-z0-9_.-]{1,64})\"(\\s*:\\s*)\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*){0,64}\"");

    private SecretQueryParameters() {}

    /** The first query parameter of the URL whose name says it holds a credential, as written. */
    public static Optional<String> find(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (isSecretName(name)) {
                return Optional.of(name.length() > 40 ? name.substring(0, 40) + "…" : name);
            }
        }
        return Optional.empty();
    }

    /**
     * The URL with the value of every credential-like query parameter masked and any user info
     * removed; the rest unchanged. Works on text, so a URL that does not parse is masked too.
     */
    public static String masked(String url) {
        String s = url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@", "$1");
        int q = s.indexOf('?');
        if (q < 0) {
            return s;
        }
        int hash = s.indexOf('#', q);
        String query = hash < 0 ? s.substring(q + 1) : s.substring(q + 1, hash);
        StringBuilder out = new StringBuilder(s.substring(0, q + 1));
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            boolean secret;
            try {
                secret = isSecretName(URLDecoder.decode(name, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                secret = true;
            }
            out.append(i == 0 ? "" : "&").append(secret && eq >= 0 ? name + "=***" : pairs[i]);
        }
        return out.append(hash < 0 ? "" : s.substring(hash)).toString();
    }

    /**
     * A text (an error message) as it may be logged and shown: the user info of every URL in it removed, and the
     * value of every {@code name=value} pair and JSON text member whose name says it holds a credential masked
     * ({@code ***}), as {@link #masked} does to one URL; the rest unchanged. Null stays null.
     */
    public static String maskedIn(String text) {
        if (text == null) {
            return null;
        }
        String s = USER_INFO.matcher(text).replaceAll("$1");
        s = PAIR.matcher(s)
                .replaceAll(m ->
                        Matcher.quoteReplacement(isSecretEncodedName(m.group(1)) ? m.group(1) + "=***" : m.group()));
        return JSON_MEMBER
                .matcher(s)
                .replaceAll(m -> Matcher.quoteReplacement(
                        isSecretName(m.group(1)) ? "\"" + m.group(1) + "\"" + m.group(2) + "\"***\"" : m.group()));
    }

    /**
     * True when the message of the failure or of one of its first 64 causes holds a credential that {@link #maskedIn}
     * masks: its stack trace must not be logged as it is.
     */
    public static boolean namedInMessages(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 64; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(maskedIn(message))) {
                return true;
            }
        }
        return false;
    }

    /** A URL-encoded name that says it holds a credential; one that does not decode is taken for one. */
    private static boolean isSecretEncodedName(String name) {
        try {
            return isSecretName(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]\\s]", "");
        if (NAMES.contains(n)) {
            return true;
        }
        for (String p : PAGINATION) {
            if (n.contains(p)) {
                return false;
            }
        }
        for (String s : SUFFIXES) {
            if (n.endsWith(s)) {
                return true;
            }
        }
        return false;
    }
}
