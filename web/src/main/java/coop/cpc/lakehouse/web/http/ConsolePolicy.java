package coop.cpc.lakehouse.web.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Content-Security-Policy of the console's pages (the console and GraphiQL under {@code /console/}): scripts,
 * styles, fonts and images from the application only, no inline script or style, no eval, no plugins, no
 * {@code <base>}, never framed. The browser may also fetch from the OIDC provider's origin when the console offers
 * sign-in through it ({@code oidc_client_id} set): the console reads the provider's discovery document and trades
 * the code at its token endpoint from the browser. Fonts and images may be {@code data:} URLs (GraphiQL's stylesheet
 * embeds its fonts so). GraphiQL's page also takes inline {@code <style>} elements ({@link #ofGraphiQl}).
 */
public final class ConsolePolicy {
    private ConsolePolicy() {}

    /**
     * The policy for a console that signs in through the provider whose issuer URL is given, or that takes pasted
     * tokens only (empty).
     *
     * @throws IllegalArgumentException when the issuer is not an absolute http(s) URL with a host
     */
    public static String of(Optional<String> signInIssuer) {
        return policy(signInIssuer, "");
    }

    /**
     * The policy of GraphiQL's page: the console's, and inline {@code <style>} elements (no inline style attribute,
     * script or eval). GraphiQL's dialogs (settings, shortcuts; Radix with react-remove-scroll) add a {@code <style>}
     * that locks the page's scroll while they are open, its text computed from the scrollbar's measured width, so
     * neither a hash nor (in SmallRye's prebuilt bundle) a nonce can name it.
     */
    public static String ofGraphiQl(Optional<String> signInIssuer) {
        return policy(signInIssuer, "style-src-elem 'self' 'unsafe-inline'; ");
    }

    private static String policy(Optional<String> signInIssuer, String styleElements) {
        String connect =
                "'self'" + signInIssuer.map(issuer -> " " + origin(issuer)).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; " + styleElements
                + "img-src 'self' data:; font-src 'self' data:; connect-src " + connect
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The scheme, host and port of an http(s) URL (the port only when the URL names one). */
    static String origin(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw notAnOrigin(issuer, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAnOrigin(issuer, "not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw notAnOrigin(issuer, "no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static IllegalArgumentException notAnOrigin(String issuer, String why) {
        return new IllegalArgumentException("jwt_issuer '" + issuer + "' is not the OIDC provider's http(s) URL that "
                + "oidc_client_id needs (" + why + "): the console's Content-Security-Policy cannot name its origin");
    }
}
