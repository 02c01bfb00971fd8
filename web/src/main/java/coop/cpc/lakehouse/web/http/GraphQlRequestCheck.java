package coop.cpc.lakehouse.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * What a GraphQL request over HTTP must be before the GraphQL servlet sees it: a POST of
 * {@code application/json} in UTF-8, at most the configured size, holding ONE JSON object with a
 * string {@code query} (no batches, no repeated keys). Each rule has its HTTP status and a message
 * for the client.
 */
final class GraphQlRequestCheck {
    private static final Set<String> FIELDS = Set.of("query", "operationName", "variables", "extensions");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Why a request is refused: the HTTP status and a message naming what is wrong. */
    record Refusal(int status, String message) {}

    private GraphQlRequestCheck() {}

    /** @return the refusal for this content type, or null when it is JSON in UTF-8 */
    static Refusal contentType(String contentType) {
        if (contentType == null) {
            return new Refusal(415, "Content-Type must be application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return new Refusal(415, "Content-Type must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return new Refusal(415, "the request body must be UTF-8 (charset=utf-8 or none)");
                }
            }
        }
        return null;
    }

    /** @return the refusal for this body, or null when it is one GraphQL request */
    static Refusal body(byte[] body) {
        return check(body).refusal();
    }

    /** The body checked: its refusal, or the query of the one GraphQL request it holds. */
    record Checked(Refusal refusal, String query) {}

    private static Checked refused(int status, String message) {
        return new Checked(new Refusal(status, message), null);
    }

    static Checked check(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return refused(400, "the request body is not valid UTF-8");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return refused(400, "the request body is not valid JSON: send {\"query\": \"...\", \"variables\": {...}}");
        } catch (IOException e) {
            return refused(400, "the request body cannot be read");
        }
        if (request == null || request.isMissingNode()) {
            return refused(400, "the request body is empty: send {\"query\": \"...\"}");
        }
        if (request.isArray()) {
            return refused(400, "batched requests (a JSON array) are not supported: send one operation per request");
        }
        if (!request.isObject()) {
            return refused(400, "the request body must be a JSON object with a query");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                return refused(
                        400,
                        "the request has an unknown field '" + abbreviate(field)
                                + "'; expected query, operationName, variables, extensions");
            }
        }
        JsonNode query = request.get("query");
        if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            return refused(400, "query must be a non-empty string");
        }
        if (!nullOr(request.get("operationName"), JsonNode::isTextual)) {
            return refused(400, "operationName must be a string");
        }
        if (!nullOr(request.get("variables"), JsonNode::isObject)) {
            return refused(400, "variables must be a JSON object");
        }
        if (!nullOr(request.get("extensions"), JsonNode::isObject)) {
            return refused(400, "extensions must be a JSON object");
        }
        return new Checked(null, query.textValue());
    }

    private static boolean nullOr(JsonNode value, java.util.function.Predicate<JsonNode> kind) {
        return value == null || value.isNull() || kind.test(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /**
     * A document parsed: why it is refused (null: it parses), and whether it holds queries only (no mutation or
     * subscription).
     */
    record Parsed(Unparsed refusal, boolean queriesOnly) {
        boolean parses() {
            return refusal == null;
        }
    }

    /**
     * Why a document is refused: the message for the client, where it breaks (null: nowhere in particular) and
     * the reason code the audit trail records ({@code invalid-query} or {@code limit-exceeded}).
     */
    record Unparsed(String message, Integer line, Integer column, String auditCode) {}

    /** Parses {@code query} as the engine does (its operation parser options), within the token limit. */
    static Parsed parse(String query, int maxTokens) {
        ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens));
        try {
            Document document = Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(options)
                    .build());
            boolean queriesOnly = !document.getDefinitions().isEmpty()
                    && document.getDefinitions().stream()
                            .allMatch(d -> !(d instanceof OperationDefinition operation)
                                    || operation.getOperation() == OperationDefinition.Operation.QUERY);
            return new Parsed(null, queriesOnly);
        } catch (InvalidSyntaxException e) {
            return new Parsed(unparsed(e, options), false);
        } catch (RuntimeException e) {
            // The engine decides; nothing is assumed about what the document does.
            return new Parsed(null, false);
        }
    }

    private static Unparsed unparsed(InvalidSyntaxException e, ParserOptions options) {
        if (e instanceof ParseCancelledTooManyCharsException) {
            return limit("query is longer than " + options.getMaxCharacters() + " characters: send a smaller query");
        }
        if (e instanceof ParseCancelledTooDeepException) {
            return limit("query nests too deeply for the parser (more than " + options.getMaxRuleDepth()
                    + " grammar rules deep): send a flatter query");
        }
        if (e instanceof ParseCancelledException) {
            // The same exception for either token limit (only its localised text differs): the message names both.
            return limit("query has more than " + options.getMaxTokens() + " tokens (names, values, punctuation)"
                    + " or more than " + options.getMaxWhitespaceTokens()
                    + " spaces, commas and comments: send a smaller query");
        }
        String token = e.getOffendingToken();
        String what = token == null
                ? ""
                : token.equals("<EOF>") ? ": it ends too early" : ": unexpected '" + abbreviate(token) + "'";
        SourceLocation at = e.getLocation();
        if (at == null) {
            return new Unparsed("query is not valid GraphQL" + what, null, null, "invalid-query");
        }
        return new Unparsed(
                "query is not valid GraphQL" + what + " at line " + at.getLine() + ", column " + at.getColumn(),
                at.getLine(),
                at.getColumn(),
                "invalid-query");
    }

    private static Unparsed limit(String message) {
        return new Unparsed(message, null, null, "limit-exceeded");
    }
}
