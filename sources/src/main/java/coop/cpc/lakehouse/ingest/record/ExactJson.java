package coop.cpc.lakehouse.ingest.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

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
     *
     * @throws RecordRejectedException the record cannot be a tree; the reason says why
     * @throws IOException the input is not well-formed JSON
     */
    public static JsonNode readRecord(JsonParser parser) throws IOException, RecordRejectedException {
        JsonToken first = parser.currentToken();
        int outside = parser.getParsingContext().getNestingDepth() - (first != null && first.isStructStart() ? 1 : 0);
        String problem;
        try {
            return MAPPER.readTree(parser);
        } catch (NumberFormatException e) {
            problem = "number " + shown(parser.getText()) + " is out of range: its exponent is too large";
        } catch (MismatchedInputException e) {
            // The only mismatch a tree has: a repeated name, read with its value (the parser's current name).
            problem = "field '" + shown(parser.currentName()) + "' appears twice in one object";
        }
        while (parser.getParsingContext().getNestingDepth() > outside && parser.nextToken() != null) {
            // skips the rest of the record
        }
        throw new RecordRejectedException(problem);
    }

    private static String shown(String text) {
        return text == null || text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS - 3) + "...";
    }
}
