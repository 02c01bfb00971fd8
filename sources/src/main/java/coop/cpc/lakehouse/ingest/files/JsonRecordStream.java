package coop.cpc.lakehouse.ingest.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.ingest.record.ConvertingRecordReader;
import coop.cpc.lakehouse.ingest.record.ExactJson;
import coop.cpc.lakehouse.ingest.record.JsonSyntaxProblem;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON records streamed with Jackson's parser, one record in memory at a time: either the
 * elements of one top-level array ({@code .json}) or a sequence of top-level values, one per
 * line ({@code .ndjson}, {@code .jsonl}). A record longer than
 * {@link FileDropLimits#maxRecordBytes()} stops the read: the file cannot be read as records. A record
 * that is JSON but no tree (a repeated field name, a number out of range: {@link ExactJson#readRecord}) is
 * a rejected record; the file's other records are read.
 */
final class JsonRecordStream implements RecordStream {

    private final String file;
    private final JsonParser parser;
    private final RecordBoundedInputStream bounded;
    private final boolean array;
    private boolean started;
    private boolean ended;
    private long recordNumber;

    JsonRecordStream(String file, InputStream in, boolean array, int maxRecordBytes) throws IOException {
        this.file = file;
        this.bounded = new RecordBoundedInputStream(in, maxRecordBytes, file);
        this.parser = ExactJson.mapper().createParser(bounded);
        this.array = array;
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            if (!advance()) {
                return null;
            }
            JsonLocation at = parser.currentTokenLocation();
            String position =
                    "record " + (recordNumber + 1) + ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            SourceRecord record;
            try {
                JsonNode node = ExactJson.readRecord(parser);
                record = record(position, converter -> converter.fromJson(node));
            } catch (RecordRejectedException e) {
                record = record(position, converter -> {
                    throw e;
                });
            }
            recordNumber++;
            return record;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    @Override
    public boolean skip() throws IOException {
        try {
            if (!advance()) {
                return false;
            }
            parser.skipChildren();
            recordNumber++;
            return true;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Moves to the first token of the next record; false at the end. */
    private boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        bounded.startRecord(recordNumber + 1);
        if (array && !started) {
            started = true;
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                JsonLocation at = parser.currentTokenLocation();
                throw new MalformedFileException(
                        file,
                        at.getLineNr(),
                        at.getColumnNr(),
                        "expected a top-level array of objects, found "
                                + (first == null ? "no content" : first.asString()),
                        null);
            }
        }
        JsonToken token = parser.nextToken();
        if (token == null || (array && token == JsonToken.END_ARRAY)) {
            ended = true;
            if (array && (token == null || parser.nextToken() != null)) {
                JsonLocation at = parser.currentLocation();
                throw new MalformedFileException(
                        file,
                        at.getLineNr(),
                        at.getColumnNr(),
                        token == null
                                ? "unexpected end of input: the top-level array is not closed"
                                : "content after the top-level array",
                        null);
            }
            return false;
        }
        return true;
    }

    private static SourceRecord record(String position, ConvertingRecordReader.Conversion conversion) {
        return new SourceRecord() {
            @Override
            public Object[] convert(RecordConverter converter) throws RecordRejectedException {
                return conversion.convert(converter);
            }

            @Override
            public String position() {
                return position;
            }
        };
    }

    private MalformedFileException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new MalformedFileException(
                file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), JsonSyntaxProblem.of(e), e);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
