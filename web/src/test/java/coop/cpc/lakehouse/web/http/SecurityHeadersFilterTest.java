package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityHeadersFilterTest {
    private static final String ISSUER = "https://Sso.Example.coop:8443/realms/lakehouse";
    private static final String GOOGLE_TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console",
                "/console/",
                "/console/index.html",
                "/console/graphiql.css",
                "/console/js/app.js",
                "/console/console.css",
                "/console/settings.json"
            })
    void theConsolesFilesGetTheStrictPolicyWithTheProvidersOriginAndTheOtherHeaders(String path) throws Exception {
        Map<String, String> headers = headersFor(path, signingInThrough(ISSUER));

        assertThat(headers.get("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "font-src 'self' data:; connect-src 'self' https://sso.example.coop:8443; "
                        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        assertThat(headers)
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer");
    }

    @Test
    void graphiQlsPageAlsoTakesInlineStyleElementsButNoInlineStyleAttributeScriptOrEval() throws Exception {
        assertThat(headersFor("/console/graphiql.html", signingInThrough(ISSUER))
                        .get("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; "
                        + "style-src-elem 'self' 'unsafe-inline'; img-src 'self' data:; "
                        + "font-src 'self' data:; connect-src 'self' https://sso.example.coop:8443; "
                        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql-ui", "/graphql-ui/", "/graphql-ui/index.html", "/graphql-ui/graphiql.min.js"})
    void smallRyesOwnGraphiQlPageAndItsFilesGetGraphiQlsPolicy(String path) throws Exception {
        assertThat(headersFor(path, signingInThrough(ISSUER)))
                .containsEntry(
                        "Content-Security-Policy",
                        headersFor("/console/graphiql.html", signingInThrough(ISSUER))
                                .get("Content-Security-Policy"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/graphql",
                "/graphql/schema.graphql",
                "/audit/export",
                "/errors/plain",
                "/errors/authentication",
                "/consoles/index.html",
                "/graphql-uis/index.html",
                "/"
            })
    void everyOtherAnswerForbidsFramingAsBefore(String path) throws Exception {
        Map<String, String> headers = headersFor(path, signingInThrough(ISSUER));

        assertThat(headers).isEqualTo(SecurityHeadersFilter.HEADERS);
        assertThat(headers.get("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
    }

    @Test
    void aTokenEndpointOnAnotherOriginIsNamedBesideTheIssuersOnTheConsoleAndGraphiQl() throws Exception {
        LakehouseSettings google = signingInThrough(
                "https://accounts.google.com", Map.of("data_lakehouse.oidc_token_endpoint", GOOGLE_TOKEN_ENDPOINT));

        for (String path : List.of("/console/index.html", "/console/graphiql.html", "/graphql-ui/index.html")) {
            assertThat(headersFor(path, google).get("Content-Security-Policy"))
                    .as(path)
                    .contains("; connect-src 'self' https://accounts.google.com https://oauth2.googleapis.com; ");
        }
    }

    @Test
    void aTokenEndpointOnTheIssuersOriginAddsNothing() throws Exception {
        LakehouseSettings sameOrigin = signingInThrough(
                ISSUER,
                Map.of("data_lakehouse.oidc_token_endpoint", "https://sso.example.coop:8443/realms/lakehouse/token"));

        assertThat(headersFor("/console/index.html", sameOrigin).get("Content-Security-Policy"))
                .isEqualTo(headersFor("/console/index.html", signingInThrough(ISSUER))
                        .get("Content-Security-Policy"));
    }

    @Test
    void aTokenEndpointWithoutAnHttpOriginIsAClearErrorNamingOidcTokenEndpoint() {
        assertThatThrownBy(() -> ConsolePolicy.of(
                        Optional.of(new ConsolePolicy.SignIn(ISSUER, Optional.of("/realms/lakehouse/token")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oidc_token_endpoint '/realms/lakehouse/token'");
    }

    @Test
    void aConsoleThatTakesPastedTokensFetchesFromItsOwnOriginOnly() throws Exception {
        LakehouseSettings pastedTokens = LakehouseSettings.from(name ->
                Optional.ofNullable(Map.of("data_lakehouse.jwt_issuer", ISSUER).get(name)));

        assertThat(headersFor("/console/index.html", pastedTokens).get("Content-Security-Policy"))
                .contains("; connect-src 'self'; ")
                .doesNotContain("example");
    }

    @Test
    void theProvidersOriginIsItsSchemeHostAndPortOnly() {
        assertThat(ConsolePolicy.origin("jwt_issuer", "http://127.0.0.1:18480/realms/lakehouse"))
                .isEqualTo("http://127.0.0.1:18480");
        assertThat(ConsolePolicy.origin("jwt_issuer", "https://sso.example.coop/realms/x?y#z"))
                .isEqualTo("https://sso.example.coop");
        assertThat(ConsolePolicy.origin("jwt_issuer", "HTTPS://user:secret@[::1]:9443/"))
                .isEqualTo("https://[::1]:9443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lakehouse-local", "ftp://sso.example.coop/", "https:///realms", "https://a b/"})
    void anIssuerWithoutAnHttpOriginIsAClearErrorNamingJwtIssuer(String issuer) {
        assertThatThrownBy(() -> ConsolePolicy.origin("jwt_issuer", issuer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwt_issuer '" + issuer + "'");
    }

    private static LakehouseSettings signingInThrough(String issuer) {
        return signingInThrough(issuer, Map.of());
    }

    private static LakehouseSettings signingInThrough(String issuer, Map<String, String> more) {
        Map<String, String> raw = new HashMap<>(more);
        raw.put("data_lakehouse.oidc_client_id", "lakehouse-console");
        raw.put("data_lakehouse.jwt_issuer", issuer);
        return LakehouseSettings.from(name -> Optional.ofNullable(raw.get(name)));
    }

    private static Map<String, String> headersFor(String path, LakehouseSettings settings) throws Exception {
        SecurityHeadersFilter filter = new SecurityHeadersFilter();
        filter.settings = settings;
        filter.init();
        RecordingResponse sent = new RecordingResponse();
        filter.doFilter(request("/lakehouse", "/lakehouse" + path), sent.response(), (request, response) -> {});
        return sent.headers;
    }

    private static HttpServletRequest request(String contextPath, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, called, arguments) -> switch (called.getName()) {
                    case "getContextPath" -> contextPath;
                    case "getRequestURI" -> uri;
                    default -> null;
                });
    }
}
