package coop.cpc.lakehouse.ingest.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The Jackson mapper every source reads records with. Fractional numbers become BigDecimal so a
 * decimal column receives exactly the digits that were sent, never a double's approximation.
 *
 * <p>Its parsers check, token by token, what a scan that skips records checks too: a number of at most
 * {@value #MAX_NUMBER_CHARS} characters, a string of at most {@value #MAX_STRING_CHARS} characters (no
 * source reads a longer record: file drops at most 64 MiB, HTTP pages at most 64 MiB, sled values 16 MiB),
 * so a record that passed a source's scan never fails the read for its length. What only building the tree
 * finds is a rejected record ({@link #readRecord}).
 */
public final class ExactJson {

    /** Longest number text (Jackson's default): every parser refuses a longer one, scanning or reading. */
    public static final int MAX_NUMBER_CHARS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    /** Longest string: the longest record any source reads, in bytes, so no string is refused on its own. */
    public static final int MAX_STRING_CHARS = 64 << 20;

    private static final int MAX_SHOWN_CHARS = 60;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(MAX_NUMBER_CHARS)
                            .maxStringLength(MAX_STRING_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ExactJson() {}

    /** A shared, thread-safe mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads the record whose first token is the parser's current one as a tree. A record that is well-formed
     * JSON but cannot be a tree is rejected, and the parser is left at the record's last token either way, so
     * the next record reads on: an object that names a field twice (which value is meant? CSV refuses a
     * repeated header name alike), or a number whose exponent no BigDecimal holds ({@code 1e2147483648}).
     * A number with a fraction or an exponent, and {@code -0}, is a {@link NumberTextNode}: it keeps the text it
     * was sent in.
     *
     * @throws RecordRejectedException the record cannot be a tree; the reason says why
     * @throws IOException the input is not well-formed JSON
     */
    public static JsonNode readRecord(JsonParser parser) throws IOException, RecordRejectedException {
        JsonToken first = parser.currentToken();
        int outside = parser.getParsingContext().getNestingDepth() - (first != null && first.isStructStart() ? 1 : 0);
        String problem;
        try {
            return tree(parser);
        } catch (NumberFormatException e) {
            problem = "number " + shown(parser.getText()) + " is out of range: its exponent is too large";
        } catch (RepeatedField e) {
            problem = "field '" + shown(e.getMessage()) + "' appears twice in one object";
        }
        while (parser.getParsingContext().getNestingDepth() > outside && parser.nextToken() != null) {
            // skips the rest of the record
        }
        throw new RecordRejectedException(problem);
    }

    /** A name an object repeats (the message), found while reading a record's tree. */
    private static final class RepeatedField extends Exception {
        private static final long serialVersionUID = 1L;

        RepeatedField(String name) {
            super(name, null, false, false);
        }
    }

    /**
     * The tree of the value at the parser's current token, as the mapper reads it (every node as {@code readTree}
     * makes it) except numbers with a fraction or an exponent and {@code -0}, which keep their text. Its depth is
     * bounded by the parser's nesting limit.
     */
    private static JsonNode tree(JsonParser parser) throws IOException, RepeatedField {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "no JSON value: the input ended");
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (object.replace(name, tree(parser)) != null) {
                        throw new RepeatedField(name);
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                if ("-0".equals(parser.getText())) {
                    return new NumberTextNode(BigDecimal.ZERO, "-0", true);
                }
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return new NumberTextNode(parser.getDecimalValue(), parser.getText(), false);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected " + token + " where a JSON value starts");
        }
    }

    private static String shown(String text) {
        return text == null || text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS - 3) + "...";
    }
}
