package coop.cpc.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts GraphQL requests to the deployed lakehouse over real HTTP, as any client would, with a
 * bearer token: admin by default (or the role a purpose needs, see {@link ItTokens#forPurpose}),
 * or the roles given to {@link #as}.
 */
final class GraphQlClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String[] roles;

    GraphQlClient() {
        this(null);
    }

    private GraphQlClient(String[] roles) {
        this.endpoint = URI.create("http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180")
                + "/lakehouse/graphql");
        this.roles = roles;
    }

    /** A client whose requests carry a token with exactly these roles. */
    GraphQlClient as(String... roles) {
        return new GraphQlClient(roles.clone());
    }

    static String endpoint() {
        return "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + "/lakehouse/graphql";
    }

    /** Posts a GraphQL request with this token (none when null) and purpose (none when null); the raw response. */
    HttpResponse<String> post(String query, Map<String, Object> variables, String token, String purpose)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (purpose != null) {
            request.header("X-Lakehouse-Purpose", purpose);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode execute(String query) throws IOException, InterruptedException {
        return execute(query, Map.of());
    }

    /** @return the whole response document: {@code data} and/or {@code errors} */
    JsonNode execute(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        return execute(query, variables, null);
    }

    /** @param purpose the audit purpose header, or null for none */
    JsonNode execute(String query, Map<String, Object> variables, String purpose) throws IOException, InterruptedException {
        String token = roles == null ? ItTokens.forPurpose(purpose) : ItTokens.token(roles);
        HttpResponse<String> response = post(query, variables, token, purpose);
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + endpoint + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** @return {@code data}, failing the test when the response carries errors */
    JsonNode data(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        JsonNode response = execute(query, variables);
        if (response.has("errors")) {
            throw new AssertionError("GraphQL errors: " + response.get("errors"));
        }
        return response.get("data");
    }

    JsonNode data(String query) throws IOException, InterruptedException {
        return data(query, Map.of());
    }
}
