package coop.cpc.lakehouse.ingest.sled;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.ExactJson;
import coop.cpc.lakehouse.ingest.record.MappingReport;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one sled pair into a row of its tree's asset: {@code key bytes}, then the value as the
 * {@link SledValueFormat} says. A value that does not decode is rejected with a reason that
 * starts with the tree and the key in hex.
 */
final class SledValueDecoder {

    static final String KEY_COLUMN = "key";
    static final String VALUE_COLUMN = "value";

    private static final int MAX_SHOWN_CHARS = 120;

    private final SledValueFormat format;
    private final Schema valueColumns;
    private final Schema assetSchema;
    /** One per tree: each tree feeds its own asset, with its own mapping report. */
    private final Map<String, RecordConverter> converters = new HashMap<>();

    /**
     * @param valueColumns the columns of a JSON value; null for BYTES and UTF8
     * @throws IllegalArgumentException when the columns do not fit the format
     */
    /** Longest value a pair may have to become a row; longer ones are rejected records. */
    static final int MAX_VALUE_BYTES = 16 << 20;

    SledValueDecoder(SledValueFormat format, Schema valueColumns) {
        this.format = Objects.requireNonNull(format, "format");
        if (format == SledValueFormat.JSON && valueColumns == null) {
            throw new IllegalArgumentException("sled value format JSON needs the value columns");
        }
        if (format != SledValueFormat.JSON && valueColumns != null) {
            throw new IllegalArgumentException("sled value format " + format + " takes no value columns");
        }
        this.valueColumns = valueColumns;
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(KEY_COLUMN, ColumnType.of(ColumnType.Kind.BYTES), false));
        switch (format) {
            case BYTES -> columns.add(new Column(VALUE_COLUMN, ColumnType.of(ColumnType.Kind.BYTES), false));
            case UTF8 -> columns.add(new Column(VALUE_COLUMN, ColumnType.of(ColumnType.Kind.STRING), false));
            case JSON -> {
                for (Column c : valueColumns.columns()) {
                    if (c.name().equals(KEY_COLUMN)) {
                        throw new IllegalArgumentException(
                                "value column 'key' clashes with the key column of a sled asset");
                    }
                    columns.add(c);
                }
            }
            default -> throw new IllegalStateException(format.toString());
        }
        this.assetSchema = new Schema(columns);
    }

    /** The asset schema every tree gets. */
    Schema assetSchema() {
        return assetSchema;
    }

    /** @throws RecordRejectedException the value does not decode; the reason names tree and key */
    Object[] row(String tree, byte[] key, byte[] value) throws RecordRejectedException {
        if (value.length > MAX_VALUE_BYTES) {
            // A string or a JSON tree made of it would hold several times its bytes; a segment row group more.
            throw new RecordRejectedException(
                    "value of " + value.length + " bytes is longer than the limit of " + MAX_VALUE_BYTES + " bytes");
        }
        Object[] row = new Object[assetSchema.size()];
        row[0] = key;
        switch (format) {
            case BYTES -> row[1] = value;
            case UTF8 -> row[1] = utf8(tree, key, value);
            case JSON -> {
                Object[] values = json(tree, key, utf8(tree, key, value));
                System.arraycopy(values, 0, row, 1, values.length);
            }
            default -> throw new IllegalStateException(format.toString());
        }
        return row;
    }

    /** The JSON fields seen so far in one tree's values; empty unless the format is JSON. */
    MappingReport mapping(String tree) {
        RecordConverter converter = converters.get(tree);
        return converter == null ? new MappingReport(List.of(), Set.of(), false) : converter.mappingReport();
    }

    private Object[] json(String tree, byte[] key, String text) throws RecordRejectedException {
        JsonNode node;
        try (JsonParser parser = ExactJson.mapper().createParser(text)) {
            if (parser.nextToken() == null) {
                throw new RecordRejectedException(prefix(tree, key) + "value is empty, not a JSON object");
            }
            try {
                node = ExactJson.readRecord(parser);
            } catch (RecordRejectedException e) {
                throw new RecordRejectedException(prefix(tree, key) + e.getMessage());
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                // One value is one document: content after it is an error, not ignored.
                throw new RecordRejectedException(
                        prefix(tree, key) + "value is not JSON: Trailing token (" + after + ") after the value");
            }
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException(
                    prefix(tree, key) + "value is not JSON: " + shown(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
        try {
            return converters
                    .computeIfAbsent(tree, t -> new RecordConverter(valueColumns))
                    .fromJson(node);
        } catch (RecordRejectedException e) {
            throw new RecordRejectedException(prefix(tree, key) + e.getMessage());
        }
    }

    /** Strict UTF-8: malformed sequences, overlong forms and encoded surrogates are errors. */
    private static String utf8(String tree, byte[] key, byte[] value) throws RecordRejectedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(value.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new RecordRejectedException(
                    prefix(tree, key) + "value is not valid UTF-8 at byte offset " + in.position());
        }
        return out.flip().toString();
    }

    static String prefix(String tree, byte[] key) {
        return "tree " + tree + ", key " + HexFormat.of().formatHex(key) + ": ";
    }

    private static String shown(String text) {
        String oneLine = String.valueOf(text).replace('\n', ' ');
        return oneLine.length() <= MAX_SHOWN_CHARS ? oneLine : oneLine.substring(0, MAX_SHOWN_CHARS - 3) + "...";
    }
}
