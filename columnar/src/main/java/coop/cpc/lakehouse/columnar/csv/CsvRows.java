package coop.cpc.lakehouse.columnar.csv;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads RFC 4180 CSV with a header row into rows of typed values. An empty unquoted field is
 * null, a quoted empty field the empty string.
 */
public final class CsvRows {
    /** Strict quote mode makes commons-csv tell {@code ""} (empty string) from an empty field (null). */
    static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .get();

    /** Receives each parsed row. */
    public interface RowSink {
        void accept(Object[] row) throws IOException;
    }

    private CsvRows() {}

    /**
     * Characters one record may take: a segment holds at most 2^28 bytes of text in a chunk (a
     * stream's bound, docs/format/webm-columnar.md section 6), so no storable record is longer.
     */
    public static final int MAX_RECORD_CHARS = 1 << 28;

    /** Parses all rows, giving each to the sink; returns the number of rows. */
    public static long read(Reader in, Schema schema, RowSink sink) throws IOException {
        return read(in, schema, sink, MAX_RECORD_CHARS);
    }

    /**
     * As {@link #read(Reader, Schema, RowSink)}, refusing a record longer than {@code maxRecordChars}
     * (one with an unterminated quote runs to the end of the input) before it is buffered whole.
     */
    static long read(Reader in, Schema schema, RowSink sink, int maxRecordChars) throws IOException {
        RecordBoundReader bounded = new RecordBoundReader(in, maxRecordChars);
        // Spreadsheet exports often start with a byte order mark; it is not part of the header.
        PushbackReader reader = new PushbackReader(bounded, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new CsvFormatException(1, null, message(e));
        }
        try (parser) {
            Iterator<CSVRecord> it = parser.iterator();
            long line = 1;
            if (!next(it, line)) {
                throw new CsvFormatException(1, null, "no header row");
            }
            CSVRecord header = it.next();
            bounded.recordDone();
            List<String> names = header.toList();
            List<String> expected = schema.columns().stream().map(Column::name).toList();
            if (!names.equals(expected)) {
                throw new CsvFormatException(
                        1, null, "header " + names + " does not match the schema's columns " + expected);
            }
            line = parser.getCurrentLineNumber() + 1;
            long rows = 0;
            while (next(it, line)) {
                CSVRecord rec = it.next();
                if (rec.size() != schema.size()) {
                    throw new CsvFormatException(
                            line, null, "expected " + schema.size() + " fields, found " + rec.size());
                }
                Object[] row = new Object[schema.size()];
                for (int c = 0; c < row.length; c++) {
                    Column col = schema.column(c);
                    String text = rec.get(c);
                    try {
                        row[c] = text == null ? null : Values.parse(col.type(), text);
                        row[c] = Values.normalize(col, row[c]);
                    } catch (IllegalArgumentException e) {
                        throw new CsvFormatException(
                                line,
                                col.name(),
                                text == null ? "empty field (null) in a non-nullable column" : e.getMessage());
                    }
                }
                bounded.recordDone();
                sink.accept(row);
                rows++;
                line = parser.getCurrentLineNumber() + 1;
            }
            return rows;
        }
    }

    private static boolean next(Iterator<CSVRecord> it, long line) throws CsvFormatException {
        try {
            return it.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new CsvFormatException(line, null, "malformed CSV: " + message(e));
        }
    }

    private static String message(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        return t.getMessage();
    }
}
