package coop.cpc.lakehouse.web.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Content-Security-Policy of the console's pages (the console and GraphiQL under {@code /console/}): scripts,
 * styles, fonts and images from the application only, no inline script or style, no eval, no plugins, no
 * {@code <base>}, never framed. The browser may also fetch from the OIDC provider's origin when the console offers
 * sign-in through it ({@code oidc_client_id} set): the console reads the provider's discovery document and trades
 * the code at its token endpoint from the browser; and from the origin of {@code oidc_token_endpoint} when that names
 * the token endpoint on another origin. Fonts and images may be {@code data:} URLs (GraphiQL's stylesheet embeds its
 * fonts so). GraphiQL's page also takes inline {@code <style>} elements ({@link #ofGraphiQl}).
 */
public final class ConsolePolicy {
    private ConsolePolicy() {}

    /**
     * Where the console signs in: the provider's issuer URL and, when it is set, the token endpoint the console uses
     * instead of the discovery document's.
     */
    public record SignIn(String issuer, Optional<String> tokenEndpoint) {}

    /**
     * The policy for a console that signs in through a provider, or that takes pasted tokens only (empty).
     *
     * @throws IllegalArgumentException when the issuer or the token endpoint is not an absolute http(s) URL with a
     *     host, naming its key
     */
    public static String of(Optional<SignIn> signIn) {
        return policy(signIn, "");
    }

    /**
     * The policy of GraphiQL's page: the console's, and inline {@code <style>} elements (no inline style attribute,
     * script or eval). GraphiQL's dialogs (settings, shortcuts; Radix with react-remove-scroll) add a {@code <style>}
     * that locks the page's scroll while they are open, its text computed from the scrollbar's measured width, so
     * neither a hash nor (in SmallRye's prebuilt bundle) a nonce can name it.
     */
    public static String ofGraphiQl(Optional<SignIn> signIn) {
        return policy(signIn, "style-src-elem 'self' 'unsafe-inline'; ");
    }

    private static String policy(Optional<SignIn> signIn, String styleElements) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add("'self'");
        signIn.ifPresent(provider -> {
            origins.add(origin("jwt_issuer", provider.issuer()));
            provider.tokenEndpoint().ifPresent(url -> origins.add(origin("oidc_token_endpoint", url)));
        });
        return "default-src 'self'; script-src 'self'; style-src 'self'; " + styleElements
                + "img-src 'self' data:; font-src 'self' data:; connect-src " + String.join(" ", origins)
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The scheme, host and port of an http(s) URL (the port only when the URL names one).
     *
     * @param key the configuration key the URL is the value of, for the error
     */
    static String origin(String key, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAnOrigin(key, url, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAnOrigin(key, url, "not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw notAnOrigin(key, url, "no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static IllegalArgumentException notAnOrigin(String key, String url, String why) {
        return new IllegalArgumentException(key + " '" + url + "' is not the OIDC provider's http(s) URL that "
                + "oidc_client_id needs (" + why + "): the console's Content-Security-Policy cannot name its origin");
    }
}
