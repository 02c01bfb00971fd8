package coop.cpc.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one GraphQL client of the integration tests: posts requests to a deployed lakehouse over real
 * HTTP, as any client would, with a bearer token: admin by default (or the role a purpose needs, see
 * {@link ItTokens#forPurpose}), the roles given to {@link #as}, or a token of its own given to
 * {@link #post}. {@code new GraphQlClient()} talks to the Arquillian server; {@link #at} to a server
 * a test started itself.
 */
public final class GraphQlClient {
    /** Where the lakehouse serves GraphQL on its HTTP port. */
    public static final String PATH = "/lakehouse/graphql";

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String[] roles;

    /** A client of the Arquillian server (port {@code lakehouse.it.http.port}). */
    public GraphQlClient() {
        this(URI.create(endpoint()), null);
    }

    private GraphQlClient(URI endpoint, String[] roles) {
        this.endpoint = endpoint;
        this.roles = roles;
    }

    /** A client of a server of the test's own, listening on this HTTP port of localhost. */
    public static GraphQlClient at(int httpPort) {
        return new GraphQlClient(URI.create("http://localhost:" + httpPort + PATH), null);
    }

    /** A client whose requests carry a token with exactly these roles. */
    public GraphQlClient as(String... roles) {
        return new GraphQlClient(endpoint, roles.clone());
    }

    /** The Arquillian server's GraphQL endpoint. */
    public static String endpoint() {
        return "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + PATH;
    }

    /** Posts a GraphQL request with this token (none when null) and purpose (none when null); the raw response. */
    public HttpResponse<String> post(String query, Map<String, ?> variables, String token, String purpose)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        return postBody("application/json", body.toString().getBytes(StandardCharsets.UTF_8), token, purpose);
    }

    /**
     * Posts these bytes as they are, with this Content-Type, token and purpose (none when null): for
     * requests no well-behaved client would send.
     */
    public HttpResponse<String> postBody(String contentType, byte[] body, String token, String purpose)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(withHeaders(request, token, purpose).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the endpoint followed by this suffix (a query string or a sub-path) with this token (none when null). */
    public HttpResponse<String> get(String suffix, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + suffix))
                .timeout(TIMEOUT)
                .GET();
        return HTTP.send(withHeaders(request, token, null).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String token, String purpose) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (purpose != null) {
            request.header("X-Lakehouse-Purpose", purpose);
        }
        return request;
    }

    /** {@code count} copies of a selection under the aliases {@code prefix0 … prefix<count-1>}, space-separated. */
    public static String aliased(String prefix, int count, String selection) {
        StringBuilder aliased = new StringBuilder();
        for (int alias = 0; alias < count; alias++) {
            aliased.append(prefix).append(alias).append(": ").append(selection).append(' ');
        }
        return aliased.toString();
    }

    public JsonNode execute(String query) throws IOException, InterruptedException {
        return execute(query, Map.of());
    }

    /** @return the whole response document: {@code data} and/or {@code errors} */
    public JsonNode execute(String query, Map<String, ?> variables) throws IOException, InterruptedException {
        return execute(query, variables, null);
    }

    /** @param purpose the audit purpose header, or null for none */
    public JsonNode execute(String query, Map<String, ?> variables, String purpose)
            throws IOException, InterruptedException {
        String token = roles == null ? ItTokens.forPurpose(purpose) : ItTokens.token(roles);
        HttpResponse<String> response = post(query, variables, token, purpose);
        if (response.statusCode() != 200) {
            throw new IOException(
                    "HTTP " + response.statusCode() + " from " + endpoint + " for " + query + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** @return {@code data}, failing the test with the request and the errors when there are any */
    public JsonNode data(String query, Map<String, ?> variables) throws IOException, InterruptedException {
        JsonNode response = execute(query, variables);
        if (response.has("errors")) {
            throw new AssertionError(
                    "GraphQL errors for " + query + " " + JSON.valueToTree(variables) + ": " + response.get("errors"));
        }
        return response.get("data");
    }

    public JsonNode data(String query) throws IOException, InterruptedException {
        return data(query, Map.of());
    }

    /**
     * Every page of a cursor-paged connection, in order: the query takes {@code $after}; the pages are
     * requested until {@code pageInfo.hasNextPage} is false.
     *
     * @param connection picks the connection (with its {@code pageInfo}) out of {@code data}
     */
    public List<JsonNode> allPages(String query, Map<String, ?> variables, Function<JsonNode, JsonNode> connection)
            throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        Map<String, Object> paged = new HashMap<>(variables);
        String after = null;
        do {
            paged.put("after", after);
            JsonNode page = connection.apply(data(query, paged));
            pages.add(page);
            after = page.get("pageInfo").get("hasNextPage").asBoolean()
                    ? page.get("pageInfo").get("endCursor").asText()
                    : null;
        } while (after != null);
        return pages;
    }

    /** The {@code extensions.code} of the response's first error, failing the test when it has none. */
    public static String errorCode(JsonNode response) {
        if (!response.has("errors")) {
            throw new AssertionError("expected errors in " + response);
        }
        return response.get("errors").get(0).path("extensions").path("code").asText();
    }

    /** Fails the test unless the response's first error has exactly this code and message. */
    public static void assertError(JsonNode response, String code, String message) {
        String actualCode = errorCode(response);
        String actualMessage = message(response);
        if (!code.equals(actualCode) || !message.equals(actualMessage)) {
            throw new AssertionError("expected the error " + code + " \"" + message + "\", got " + actualCode + " \""
                    + actualMessage + "\" in " + response);
        }
    }

    /** The message of the response's first error. */
    public static String message(JsonNode response) {
        return response.get("errors").get(0).get("message").asText();
    }

    /** The {@code extensions.code} of every error of the response; empty when it has none. */
    public static Set<String> codes(JsonNode response) {
        Set<String> codes = new HashSet<>();
        for (JsonNode error : response.path("errors")) {
            codes.add(error.path("extensions").path("code").asText());
        }
        return codes;
    }
}
