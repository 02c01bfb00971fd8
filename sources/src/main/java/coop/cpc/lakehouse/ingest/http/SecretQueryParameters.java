package coop.cpc.lakehouse.ingest.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
