package coop.cpc.lakehouse.web.http;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Headers that keep the console, GraphiQL and every answer of the web application out of other sites' frames
 * (clickjacking), stop browsers from guessing content types, and keep addresses out of the Referer header.
 * Mapped to every path in web.xml, for requests and error pages alike, ahead of the other filters. The console's
 * files (under {@code /console/}) get the stricter {@link ConsolePolicy} instead of the bare
 * {@code frame-ancestors 'none'}: no script or style but the application's own, fetches only to the application and
 * the OIDC provider the console signs in through. SmallRye's own GraphiQL page and its files (under
 * {@code /graphql-ui/}, which the console's GraphiQL page loads its bundle from) get GraphiQL's policy.
 */
public class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /** The headers and values every answer carries (the console's files with their own Content-Security-Policy). */
    public static final Map<String, String> HEADERS = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    static final String CONSOLE = "/console/";
    static final String GRAPHIQL = CONSOLE + "graphiql.html";
    static final String GRAPHIQL_BUNDLE = "/graphql-ui/";

    @Inject
    LakehouseSettings settings;

    private String consolePolicy;
    private String graphiQlPolicy;

    /**
     * The console's policies: their connect-src names jwt_issuer's origin, and oidc_token_endpoint's when it is set,
     * when oidc_client_id is set.
     */
    @Override
    public void init() {
        Optional<ConsolePolicy.SignIn> signIn = settings.oidcClientId()
                .map(clientId -> new ConsolePolicy.SignIn(settings.jwtIssuer(), settings.oidcTokenEndpoint()));
        consolePolicy = ConsolePolicy.of(signIn);
        graphiQlPolicy = ConsolePolicy.ofGraphiQl(signIn);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        String path = pathOf(request);
        if ((path + "/").startsWith(CONSOLE)) {
            response.setHeader("Content-Security-Policy", path.equals(GRAPHIQL) ? graphiQlPolicy : consolePolicy);
        } else if ((path + "/").startsWith(GRAPHIQL_BUNDLE)) {
            response.setHeader("Content-Security-Policy", graphiQlPolicy);
        }
        chain.doFilter(request, response);
    }

    /** The request's path inside the application (empty when it cannot be told). */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        return uri != null && uri.startsWith(context) ? uri.substring(context.length()) : "";
    }
}
