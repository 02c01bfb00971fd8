package coop.cpc.lakehouse.ingest.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.ingest.record.ExactJson;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A page's JSON body read without building its tree: the body (at most {@code maxResponseBytes}) stays
 * as bytes, values are found by byte offset, and the records are read one at a time. A tree of a 64 MiB
 * page of small objects takes ten times its size or more; this takes one record's.
 *
 * <p>What it finds is what {@code readTree(body).at(pointer)} finds: the first root value only (content
 * after it is ignored, as the tree reader does), and where an object repeats a name, its last value. A
 * record that repeats a name is rejected ({@link ExactJson#readRecord}).
 * Bodies that are not UTF-8 (a UTF-16 or UTF-32 body, which Jackson detects) are transcoded to UTF-8 first,
 * token by token (a copy of the body's size, not a tree).
 */
final class PageBody {
    private final byte[] body;
    private final Found root;

    private PageBody(byte[] body, Found root) {
        this.body = body;
        this.root = root;
    }

    /**
     * A value found in the body: where it starts and its first token; a scalar's text
     * ({@code JsonNode.asText()}, null for JSON null) is taken as it is found, because a parser started at a
     * scalar inside a container would refuse what follows it as a second root value.
     */
    private record Found(int offset, JsonToken kind, String text) {}

    /**
     * Checks the body's first root value is well-formed JSON, decoding every string and name as the tree
     * reader would.
     *
     * @return the body, or null when it holds no JSON value
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException} for malformed JSON)
     */
    static PageBody read(byte[] body) throws IOException {
        byte[] utf8 = asUtf8(body);
        try (JsonParser parser = ExactJson.mapper().createParser(utf8)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            int at = offset(parser);
            if (!first.isStructStart()) {
                return new PageBody(utf8, found(parser, at));
            }
            for (int depth = 1; depth > 0; ) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new IOException("unexpected end of input");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    parser.getTextCharacters(); // decodes it: broken UTF-8 fails here, as in a tree
                }
            }
            return new PageBody(utf8, new Found(at, first, null));
        }
    }

    private static byte[] asUtf8(byte[] body) throws IOException {
        if (body.length >= 2 && (body[0] == 0 || body[1] == 0 || (body[0] & 0xFF) >= 0xFE)) {
            // UTF-16 or UTF-32 (with or without a byte order mark): Jackson detects which.
            return transcodedToUtf8(body);
        }
        return body;
    }

    /**
     * The body's first root value written again as UTF-8, token by token (no tree: its size is the body's
     * and its copy's); strings and names as decoded, numbers as their exact text.
     */
    private static byte[] transcodedToUtf8(byte[] body) throws IOException {
        // Never longer than the body for UTF-32; for UTF-16 only non-ASCII text grows past half of it.
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream(body.length / 2 + 16);
        try (JsonParser in = ExactJson.mapper().createParser(body);
                JsonGenerator out = ExactJson.mapper().getFactory().createGenerator(utf8, JsonEncoding.UTF8)) {
            int depth = 0;
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                copy(token, in, out);
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (depth > 0) {
                throw new IOException("unexpected end of input");
            }
        }
        return utf8.toByteArray();
    }

    private static void copy(JsonToken token, JsonParser in, JsonGenerator out) throws IOException {
        switch (token) {
            case START_OBJECT -> out.writeStartObject();
            case END_OBJECT -> out.writeEndObject();
            case START_ARRAY -> out.writeStartArray();
            case END_ARRAY -> out.writeEndArray();
            case FIELD_NAME -> out.writeFieldName(in.currentName());
            case VALUE_STRING -> out.writeString(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(in.getText());
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            case VALUE_NULL -> out.writeNull();
            default -> throw new IOException("unexpected " + token + " in a JSON body");
        }
    }

    /** The kind of value at the pointer (its first token), or null when there is none. */
    JsonToken kindAt(JsonPointer pointer) {
        Found found = locate(pointer);
        return found == null ? null : found.kind();
    }

    /** The text of the scalar at the pointer ({@code JsonNode.asText()}), or null when there is none or it is null. */
    String scalarTextAt(JsonPointer pointer) {
        Found found = locate(pointer);
        if (found != null && found.kind().isStructStart()) {
            throw new IllegalStateException("not a scalar: " + found.kind());
        }
        return found == null ? null : found.text();
    }

    /** The elements of the array at the pointer, which must be one ({@link #kindAt}). */
    Records recordsAt(JsonPointer pointer) {
        Found found = locate(pointer);
        if (found == null || found.kind() != JsonToken.START_ARRAY) {
            throw new IllegalStateException("no array at " + pointer);
        }
        return new Records(found.offset());
    }

    /** The value the pointer names, or null. */
    private Found locate(JsonPointer pointer) {
        Found at = root;
        JsonPointer rest = pointer;
        try {
            while (at != null && !rest.matches()) {
                at = at.kind().isStructStart() ? child(at.offset(), rest) : null;
                rest = rest.tail();
            }
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException("a value of a body read before", e);
        }
    }

    /** The value the pointer's first step names inside the object or array at {@code at}, or null. */
    private Found child(int at, JsonPointer step) throws IOException {
        try (JsonParser parser = parserAt(at)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                String name = step.getMatchingProperty();
                Found found = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean match = name.equals(parser.currentName());
                    parser.nextToken();
                    if (match) {
                        found = found(parser, at + offset(parser)); // the last one wins, as in a tree
                    }
                    parser.skipChildren();
                }
                return found;
            }
            if (token == JsonToken.START_ARRAY) {
                int index = step.getMatchingIndex();
                for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                    if (i == index) {
                        return found(parser, at + offset(parser));
                    }
                    parser.skipChildren();
                }
            }
            return null;
        }
    }

    /** The value at the parser's current token, which starts at {@code offset} in the body. */
    private static Found found(JsonParser parser, int offset) throws IOException {
        JsonToken kind = parser.currentToken();
        if (kind.isStructStart()) {
            return new Found(offset, kind, null);
        }
        if (kind == JsonToken.VALUE_NULL) {
            return new Found(offset, kind, null);
        }
        try {
            return new Found(
                    offset, kind, ExactJson.mapper().<JsonNode>readTree(parser).asText());
        } catch (NumberFormatException e) {
            return new Found(offset, kind, parser.getText()); // a number no BigDecimal holds: as it was written
        }
    }

    private JsonParser parserAt(int at) throws IOException {
        return ExactJson.mapper().createParser(body, at, body.length - at);
    }

    /** Where the parser's current token starts, from where the parser started. */
    private static int offset(JsonParser parser) {
        return Math.toIntExact(parser.currentTokenLocation().getByteOffset());
    }

    /** The elements of one array of the body, counted once and then read in order, one tree at a time. */
    final class Records {
        private final int arrayOffset;
        private final int size;
        private JsonParser parser;
        private int nextIndex;

        private Records(int arrayOffset) {
            this.arrayOffset = arrayOffset;
            try (JsonParser counting = parserAt(arrayOffset)) {
                counting.nextToken();
                int n = 0;
                while (counting.nextToken() != JsonToken.END_ARRAY) {
                    counting.skipChildren();
                    n++;
                }
                this.size = n;
            } catch (IOException e) {
                throw new UncheckedIOException("a value of a body read before", e);
            }
        }

        int size() {
            return size;
        }

        /**
         * Element {@code index}; cheapest in increasing order (an earlier one starts the array again).
         *
         * @throws RecordRejectedException the element is JSON but no tree ({@link ExactJson#readRecord})
         */
        JsonNode get(int index) throws RecordRejectedException {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index + " of " + size);
            }
            try {
                if (parser == null || index < nextIndex) {
                    if (parser != null) {
                        parser.close();
                    }
                    parser = parserAt(arrayOffset);
                    parser.nextToken();
                    nextIndex = 0;
                }
                while (nextIndex < index) {
                    parser.nextToken();
                    parser.skipChildren();
                    nextIndex++;
                }
                parser.nextToken();
                nextIndex++;
                try {
                    return ExactJson.readRecord(parser);
                } finally {
                    if (nextIndex == size) {
                        parser.close();
                        parser = null;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a value of a body read before", e);
            }
        }
    }
}
