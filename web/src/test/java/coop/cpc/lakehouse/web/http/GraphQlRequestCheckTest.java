package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only one JSON GraphQL request in UTF-8 reaches the GraphQL servlet; everything else gets its status and a reason. */
class GraphQlRequestCheckTest {

    @Test
    void acceptsJsonInUtf8Only() {
        assertThat(GraphQlRequestCheck.contentType("application/json")).isNull();
        assertThat(GraphQlRequestCheck.contentType("Application/JSON; charset=\"UTF-8\""))
                .isNull();
        assertThat(GraphQlRequestCheck.contentType("application/json; charset=utf-16")
                        .status())
                .isEqualTo(415);
        assertThat(GraphQlRequestCheck.contentType("application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(415);
        assertThat(GraphQlRequestCheck.contentType("text/plain").status()).isEqualTo(415);
        assertThat(GraphQlRequestCheck.contentType(null).status()).isEqualTo(415);
    }

    @Test
    void refusesMalformedJsonBatchesAndNonUtf8Bodies() {
        assertThat(check("{\"query\": "))
                .isEqualTo(new GraphQlRequestCheck.Refusal(
                        400, "the request body is not valid JSON: send {\"query\": \"...\", \"variables\": {...}}"));
        assertThat(check("[{\"query\":\"{ assets { nodes { id } } }\"}]"))
                .isEqualTo(new GraphQlRequestCheck.Refusal(
                        400, "batched requests (a JSON array) are not supported: send one operation per request"));
        assertThat(GraphQlRequestCheck.body(new byte[] {'{', (byte) 0xC3, '}'}).message())
                .isEqualTo("the request body is not valid UTF-8");
        assertThat(check("\"x\"").message()).isEqualTo("the request body must be a JSON object with a query");
        assertThat(check("{\"query\": \"{ a }\"} trailing").status()).isEqualTo(400);
        assertThat(check("{\"query\": \"{ a }\", \"query\": \"{ b }\"}").status())
                .isEqualTo(400);
        assertThat(check("").message()).isEqualTo("the request body is empty: send {\"query\": \"...\"}");
    }

    @Test
    void refusesFieldsOfTheWrongShape() {
        assertThat(check("{}").message()).isEqualTo("query must be a non-empty string");
        assertThat(check("{\"query\": 5}").message()).isEqualTo("query must be a non-empty string");
        assertThat(check("{\"query\": \"{ a }\", \"variables\": [1]}").message())
                .isEqualTo("variables must be a JSON object");
        assertThat(check("{\"query\": \"{ a }\", \"operationName\": 1}").message())
                .isEqualTo("operationName must be a string");
        assertThat(check("{\"query\": \"{ a }\", \"debug\": true}").message())
                .isEqualTo(
                        "the request has an unknown field 'debug'; expected query, operationName, variables, extensions");
        assertThat(check("{\"query\": \"{ a }\", \"variables\": null, \"operationName\": \"A\"}"))
                .isNull();
    }

    @Test
    void readsAtMostTheLimit() throws Exception {
        assertThat(GraphQlRequestFilter.readAtMost(new java.io.ByteArrayInputStream(new byte[2048]), 2048))
                .hasSize(2048);
        assertThat(GraphQlRequestFilter.readAtMost(new java.io.ByteArrayInputStream(new byte[2049]), 2048))
                .isNull();
    }

    @Test
    void errorBodiesAreGraphQlShaped() {
        assertThat(GraphQlErrorResponse.body("the \"query\" is missing", "invalid-input"))
                .isEqualTo(
                        "{\"errors\":[{\"message\":\"the \\\"query\\\" is missing\",\"extensions\":{\"code\":\"invalid-input\"}}]}");
    }

    @Test
    void onlyADocumentOfQueriesAloneIsReadOnly() {
        assertThat(GraphQlRequestCheck.parse("{ asset(id: \"a\") { rows { rows { values } } } }", 5000))
                .isEqualTo(new GraphQlRequestCheck.Parsed(null, true));
        assertThat(GraphQlRequestCheck.parse(
                        "query A { assets { nodes { ...f } } } fragment f on Asset { id } query B { assets { nodes { id } } }",
                        5000))
                .isEqualTo(new GraphQlRequestCheck.Parsed(null, true));
        assertThat(GraphQlRequestCheck.parse("mutation { deleteAsset(id: \"a\") }", 5000))
                .isEqualTo(new GraphQlRequestCheck.Parsed(null, false));
        assertThat(GraphQlRequestCheck.parse(
                        "query A { assets { nodes { id } } } mutation B { deleteAsset(id: \"a\") }", 5000))
                .isEqualTo(new GraphQlRequestCheck.Parsed(null, false));
        assertThat(GraphQlRequestCheck.parse("subscription { assets { nodes { id } } }", 5000))
                .isEqualTo(new GraphQlRequestCheck.Parsed(null, false));
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedSayingWhereItBreaks() {
        GraphQlRequestCheck.Unparsed early =
                GraphQlRequestCheck.parse("{ assets {", 5000).refusal();
        assertThat(early.message()).isEqualTo("query is not valid GraphQL: it ends too early at line 1, column 11");
        assertThat(early.line()).isEqualTo(1);
        assertThat(early.column()).isEqualTo(11);
        assertThat(early.auditCode()).isEqualTo("invalid-query");
        assertThat(refusalOf("{ assets }\n}"))
                .isEqualTo("query is not valid GraphQL: unexpected '}' at line 2, column 1");
        assertThat(refusalOf("{ a(x: \"\\u00\") }")).isEqualTo("query is not valid GraphQL at line 1, column 8");
    }

    @Test
    void aDocumentOverTheTokenLimitIsRefusedNamingTheLimit() {
        GraphQlRequestCheck.Unparsed refusal =
                GraphQlRequestCheck.parse("{ a b c d e }", 3).refusal();

        assertThat(refusal.message())
                .isEqualTo("query has more than 3 tokens (names, values, punctuation) or more than 200000 spaces,"
                        + " commas and comments: send a smaller query");
        assertThat(refusal.line()).isNull();
        assertThat(refusal.auditCode()).isEqualTo("limit-exceeded");
        assertThat(refusalOf("{ " + "a { ".repeat(200) + "b" + " }".repeat(201)))
                .isEqualTo("query nests too deeply for the parser (more than 500 grammar rules deep): send a flatter"
                        + " query");
        assertThat(refusalOf("#" + "x".repeat(1_048_576) + "\n{ a }"))
                .isEqualTo("query is longer than 1048576 characters: send a smaller query");
    }

    @Test
    void aParseRefusalIsAGraphQlErrorWithCodeClassificationAndWhere() {
        GraphQlRequestCheck.Unparsed refusal =
                GraphQlRequestCheck.parse("{ assets {", 5000).refusal();

        assertThat(GraphQlErrorResponse.body(refusal.message(), refusal.line(), refusal.column()))
                .isEqualTo("{\"errors\":[{\"message\":\"query is not valid GraphQL: it ends too early at line 1, column"
                        + " 11\",\"locations\":[{\"line\":1,\"column\":11}],\"extensions\":{\"code\":\"invalid-input\","
                        + "\"classification\":\"ValidationError\"}}]}");
        assertThat(GraphQlErrorResponse.body("too long", null, null))
                .isEqualTo("{\"errors\":[{\"message\":\"too long\",\"extensions\":{\"code\":\"invalid-input\","
                        + "\"classification\":\"ValidationError\"}}]}");
    }

    /** The message a query is refused with, within the 5,000-token limit. */
    private static String refusalOf(String query) {
        return GraphQlRequestCheck.parse(query, 5000).refusal().message();
    }

    private static GraphQlRequestCheck.Refusal check(String body) {
        return GraphQlRequestCheck.body(body.getBytes(StandardCharsets.UTF_8));
    }
}
