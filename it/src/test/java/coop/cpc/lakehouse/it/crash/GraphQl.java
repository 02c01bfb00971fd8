package coop.cpc.lakehouse.it.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.it.ItTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** GraphQL over HTTP against a server of this test's own (not Arquillian's), as an admin. */
final class GraphQl {
    static final String PATH = "/lakehouse/graphql";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;

    GraphQl(int httpPort) {
        this.endpoint = URI.create("http://localhost:" + httpPort + PATH);
    }

    /** @return the whole response document: {@code data} and/or {@code errors} */
    JsonNode execute(String query, Map<String, ?> variables) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ItTokens.token("admin"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + endpoint + " for " + body + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** @return {@code data}, failing the test with the request and the errors when there are any */
    JsonNode data(String query, Map<String, ?> variables) throws IOException, InterruptedException {
        JsonNode response = execute(query, variables);
        if (response.hasNonNull("errors")) {
            throw new AssertionError("GraphQL errors for " + query + " " + JSON.valueToTree(variables) + ": " + response.get("errors"));
        }
        return response.get("data");
    }
}
