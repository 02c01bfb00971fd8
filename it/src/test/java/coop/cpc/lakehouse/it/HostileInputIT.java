package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.assertError;
import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static coop.cpc.lakehouse.it.GraphQlClient.message;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A careless or hostile client (issue 9, items 8-13): every bad request gets a clear GraphQL error
 * with its code and the right status; no stack trace, no class name, no value silently changed.
 */
class HostileInputIT extends DeployedEarFixture {
    private static final List<Map<String, Object>> ID_AND_NOTE =
            List.of(column("id", "int64"), column("note", "string"));

    // Item 8: appendRows' column cap, repeated columns, audited refusals, no left-over files.

    @Test
    void appendRowsRefusesColumnsBeyondTheCapCountingTheAssetsOwnAndAuditsTheRefusal() throws Exception {
        String id = createAsset("wide", ID_AND_NOTE);
        long auditedBefore = auditEntries();
        List<Map<String, Object>> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 1023; i++) {
            columns.add(column("c" + i, "int32"));
            values.add("1");
        }

        JsonNode refused = appendOneRow(id, columns, values);

        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertThat(message(refused))
                .isEqualTo("asset hostile.wide has 2 columns and the rows add 1023; an asset has at most 1024");
        // The refusal and the auditChain call that counts it.
        assertThat(auditEntries()).isEqualTo(auditedBefore + 2);
        assertThat(filesOf("wide")).isEmpty();
    }

    @Test
    void appendRowsRefusesTenThousandColumnsQuickly() throws Exception {
        String id = createAsset("very_wide", List.of(column("id", "int64")));
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            columns.add(column("c" + i, "int32"));
        }

        JsonNode refused = appendOneRow(id, columns, Collections.nCopies(10_000, "1"));

        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertThat(message(refused)).isEqualTo("columns lists 10000 columns; an asset has at most 1024");
        assertThat(filesOf("very_wide")).isEmpty();
    }

    @Test
    void appendRowsRefusesAColumnNamedTwice() throws Exception {
        String id = createAsset("twice", List.of(column("id", "int64")));

        JsonNode refused = appendOneRow(id, List.of(column("id", "int64"), column("id", "int64")), List.of("1", "2"));

        assertError(refused, "invalid-input", "columns lists id twice");
    }

    // Item 9: small query, huge answer.

    @Test
    void rowsRefusesARepeatedColumn() throws Exception {
        String id = appendedAsset("repeated");

        JsonNode refused = graphql.execute(
                "query($id: ID) { asset(id: $id) { rows(columns: [\"note\", \"note\", \"note\"]) { rows { values } } } }",
                Map.of("id", id));

        assertError(refused, "invalid-input", "columns lists note twice");
    }

    @Test
    void aResponseStopsAtItsByteBudgetWithAClearErrorEvenWhenAliasesShareIt() throws Exception {
        String id = createAsset("big_text", ID_AND_NOTE);
        String megabyte = "x".repeat(1_000_000);
        runs.appendRows(id, ID_AND_NOTE, List.of(List.of("1", megabyte)));
        String query = "query($id: ID) { asset(id: $id) { "
                + GraphQlClient.aliased("a", 20, "rows(first: 1) { rows { values } }") + "} }";

        JsonNode response = graphql.execute(query, Map.of("id", id));

        assertThat(errorCode(response)).isEqualTo("response-too-large");
        assertThat(message(response))
                .startsWith("rows: the page would exceed the response limit of ")
                .contains("page with a smaller first");
        // 16 MiB of values by default: 16 aliases fit, the others are refused.
        assertThat(response.get("errors")).hasSize(4);
    }

    @Test
    void auditChainCostsWhatItCostsInTheComplexityLimit() throws Exception {
        assertThat(graphql.execute("{ a: auditChain { intact } b: auditChain { intact } }")
                        .has("errors"))
                .isFalse();

        JsonNode refused =
                graphql.execute("{ " + GraphQlClient.aliased("a", 10, "auditChain { intact entriesChecked }") + "}");

        assertThat(message(refused)).contains("complexity");
    }

    // Item 10: no stack traces, GraphQL-shaped refusals with the right status.

    @Test
    void malformedJsonIsA400WithAGraphQlError() throws Exception {
        assertRefused(
                post("application/json", "{\"query\": \"{ assets { nodes { id } } }\""),
                400,
                "the request body is not valid JSON: send {\"query\": \"...\", \"variables\": {...}}");
    }

    @Test
    void aBatchedArrayIsA400WithAGraphQlError() throws Exception {
        assertRefused(
                post("application/json", "[{\"query\": \"{ assets { nodes { id } } }\"}]"),
                400,
                "batched requests (a JSON array) are not supported: send one operation per request");
    }

    @Test
    void aFormEncodedBodyIsA415() throws Exception {
        assertRefused(
                post(
                        "application/x-www-form-urlencoded",
                        "query=%7B%20assets%20%7B%20nodes%20%7B%20id%20%7D%20%7D%20%7D"),
                415,
                "Content-Type must be application/json");
        assertRefused(
                post("text/plain", "{\"query\": \"{ assets { nodes { id } } }\"}"),
                415,
                "Content-Type must be application/json");
    }

    @Test
    void utf16IsA415() throws Exception {
        HttpResponse<String> response = graphql.postBody(
                "application/json; charset=utf-16",
                "{\"query\": \"{ assets { nodes { id } } }\"}".getBytes(StandardCharsets.UTF_16),
                ItTokens.token("admin"),
                null);
        assertRefused(response, 415, "the request body must be UTF-8 (charset=utf-8 or none)");
    }

    @Test
    void aGetQueryIsA405() throws Exception {
        HttpResponse<String> response =
                graphql.get("?query=%7B%20assets%20%7B%20nodes%20%7B%20id%20%7D%20%7D%20%7D", ItTokens.token("admin"));
        assertRefused(response, 405, "GraphQL requests are POSTs of application/json");
        HttpResponse<String> schema = graphql.get("/schema.graphql", ItTokens.token("admin"));
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("type Query");
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        String huge = "{\"query\": \"{ assets { nodes { id } } }\", \"variables\": {\"x\": \""
                + "y".repeat(9 * 1024 * 1024) + "\"}}";
        assertRefused(post("application/json", huge), 413, "the request body exceeds 8388608 bytes");
    }

    // Item 11: internal errors for bad input are invalid-input naming the field.

    @Test
    void aNullWhereValueIsInvalidInput() throws Exception {
        String id = appendedAsset("null_where");
        Map<String, Object> where = new HashMap<>();
        where.put("column", "id");
        where.put("op", "EQ");
        where.put("values", Collections.singletonList(null));

        JsonNode refused = graphql.execute(
                "query($id: ID, $where: [RowPredicateInput]) { asset(id: $id) { rows(where: $where) { rows { values } } } }",
                Map.of("id", id, "where", List.of(where)));

        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertThat(message(refused))
                .isEqualTo("where: condition EQ on id has a null value; use IS_NULL to match nulls");
    }

    @Test
    void aCursorWithANegativeOffsetIsInvalidInput() throws Exception {
        String id = appendedAsset("negative_cursor");
        String snapshot = graphql.data("query($id: ID) { asset(id: $id) { rows { snapshotId } } }", Map.of("id", id))
                .get("asset")
                .get("rows")
                .get("snapshotId")
                .asText();
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("r\n" + snapshot + "\n0\n0\n-5").getBytes(StandardCharsets.UTF_8));

        JsonNode refused = rows(id, "after: \"" + cursor + "\"");

        assertError(refused, "invalid-input", "after is not a cursor returned by this API");
    }

    @Test
    void anAsOfFarInTheFutureIsInvalidInput() throws Exception {
        String id = appendedAsset("far_future");

        JsonNode refused = rows(id, "asOf: {timestamp: \"+100000-01-01T00:00:00Z\"}");

        assertError(
                refused,
                "invalid-input",
                "asOf.timestamp must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        assertNoInternals(refused.toString());
    }

    @Test
    void aFirstOutside32BitsIsInvalidInputNotWrappedAround() throws Exception {
        String id = appendedAsset("wrapped_first");

        JsonNode literal = rows(id, "first: 4294967297");
        JsonNode variable = graphql.execute(
                "query($id: ID, $first: Int!) { asset(id: $id) { rows(first: $first) { rows { values } } } }",
                Map.of("id", id, "first", 4294967297L));

        for (JsonNode refused : List.of(literal, variable)) {
            assertThat(errorCode(refused)).isEqualTo("invalid-input");
            assertThat(message(refused)).contains("first");
            assertThat(refused.path("data").path("asset").path("rows").isMissingNode()
                            || refused.path("data").path("asset").path("rows").isNull())
                    .isTrue();
            assertNoInternals(refused.toString());
        }
    }

    @Test
    void cursorPaginationWithoutItsPointerAndANulInAGlobAreInvalidInput() throws Exception {
        String assetId = createAsset("jobs_target", List.of(column("id", "int64")));
        JsonNode cursor = runs.tryCreateJob(
                "cursor_without_pointer",
                assetId,
                "httpApi",
                Map.of(
                        "url",
                        "https://api.example.org/items",
                        "pagination",
                        Map.of("kind", "CURSOR", "cursorParam", "cursor")));
        Path folder = IngestionRuns.freshFolder("hostile_glob");
        JsonNode nul = runs.tryCreateJob(
                "nul_glob", assetId, "fileDrop", Map.of("directory", folder.toString(), "glob", "*.csv\u0000"));

        assertError(
                cursor, "invalid-input", "httpApi.pagination: CURSOR pagination needs cursorPointer and cursorParam");
        assertThat(errorCode(nul)).isEqualTo("invalid-input");
        assertThat(message(nul)).startsWith("fileDrop");
    }

    // Item 12: no class or parser names in messages.

    @Test
    void aBadTimestampLiteralIsReportedInPlainWords() throws Exception {
        String id = appendedAsset("bad_timestamp");

        JsonNode refused = rows(id, "asOf: {timestamp: \"x\"}");

        assertThat(errorCode(refused)).isEqualTo("invalid-input");
        assertNoInternals(refused.toString());
    }

    // Item 13: values that a column cannot hold exactly are refused, not changed.

    @Test
    void valuesAColumnCannotHoldExactlyAreRefused() throws Exception {
        String id = createAsset("exact_values", List.of(column("x", "float64"), column("note", "string")));
        List<Map<String, Object>> columns = List.of(column("x", "float64"), column("note", "string"));

        Map<String, String> expected = Map.of(
                "1e400", "row 1, column x: not a float64: '1e400' (out of the range of float64)",
                "0x1p3", "row 1, column x: not a float64: '0x1p3'");
        for (Map.Entry<String, String> value : expected.entrySet()) {
            JsonNode refused = appendOneRow(id, columns, List.of(value.getKey(), "a"));
            assertError(refused, "invalid-input", value.getValue());
        }
        // A lone surrogate, sent as the JSON escape a client would send (a Java client cannot encode it as UTF-8).
        HttpResponse<String> surrogate = post(
                "application/json",
                "{\"query\": \"mutation($id: ID!, $rows: [RowInput!]!) "
                        + "{ appendRows(assetId: $id, columns: [{name: \\\"x\\\", type: \\\"float64\\\"}, "
                        + "{name: \\\"note\\\", type: \\\"string\\\"}], rows: $rows) { rowsAdded } }\", "
                        + "\"variables\": {\"id\": \"" + id
                        + "\", \"rows\": [{\"values\": [\"1.5\", \"a\\ud800b\"]}]}}");
        JsonNode refused = GraphQlClient.JSON.readTree(surrogate.body());
        assertError(
                refused,
                "invalid-input",
                "row 1, column note: string holds a lone surrogate (U+D800) at character 1: "
                        + "not well-formed Unicode");
        assertThat(graphql.data("query($id: ID) { asset(id: $id) { rowCount } }", Map.of("id", id))
                        .get("asset")
                        .get("rowCount")
                        .asLong())
                .isZero();
    }

    private void assertRefused(HttpResponse<String> response, int status, String expectedMessage) throws Exception {
        assertNoInternals(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = GraphQlClient.JSON.readTree(response.body());
        assertError(body, "invalid-input", expectedMessage);
    }

    /** No trace, page or class name; "Exception" is looked for in the messages (graphql-java's classification names hold it). */
    private static void assertNoInternals(String body) throws Exception {
        assertThat(body)
                .doesNotContain("at coop.")
                .doesNotContain("<html")
                .doesNotContain("<HTML")
                .doesNotContain("coop.cpc")
                .doesNotContain("Value{")
                .doesNotContain("java.");
        for (JsonNode error : GraphQlClient.JSON.readTree(body).path("errors")) {
            assertThat(error.path("message").asText()).doesNotContain("Exception");
        }
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return graphql.postBody(contentType, body.getBytes(StandardCharsets.UTF_8), ItTokens.token("admin"), null);
    }

    private JsonNode rows(String id, String arguments) throws Exception {
        return graphql.execute(
                "query($id: ID) { asset(id: $id) { rows(" + arguments + ") { rows { values } } } }", Map.of("id", id));
    }

    private String appendedAsset(String name) throws Exception {
        String id = createAsset(name, ID_AND_NOTE);
        runs.appendRows(id, ID_AND_NOTE, List.of(List.of("1", "one"), List.of("2", "two")));
        return id;
    }

    private String createAsset(String name, List<Map<String, Object>> columns) throws Exception {
        return runs.createAsset("hostile", name, columns);
    }

    private long auditEntries() throws Exception {
        return graphql.data("{ auditChain { entriesChecked } }")
                .get("auditChain")
                .get("entriesChecked")
                .asLong();
    }

    private static List<Path> filesOf(String asset) throws Exception {
        Path folder = Path.of(System.getProperty("lakehouse.it.dir", "target"), "webm", "hostile", asset);
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Appends one row as a client would, returning the whole response (errors included). */
    private JsonNode appendOneRow(String id, List<Map<String, Object>> columns, List<String> values) throws Exception {
        return runs.tryAppendRows(id, columns, List.of(values));
    }
}
