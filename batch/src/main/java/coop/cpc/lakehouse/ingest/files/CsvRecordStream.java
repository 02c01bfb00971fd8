package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.record.CsvHeaderLayout;
import coop.cpc.lakehouse.ingest.record.HeaderMismatchException;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV with a header row, UTF-8 (a byte order mark is dropped). The quote mode makes
 * commons-csv return null for an empty unquoted field and "" for a quoted empty one.
 */
final class CsvRecordStream implements RecordStream {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CsvHeaderLayout layout;
    private long lineAfterPrevious;

    CsvRecordStream(String file, InputStream in, RecordConverter converter) throws IOException {
        this.file = file;
        Reader reader = new InputStreamReader(withoutBom(in), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, 1, 0, "bad header: " + e.getMessage(), e);
        } catch (CSVException | CharacterCodingException e) {
            throw malformed(e, 1);
        }
        try {
            this.layout = converter.bindHeader(parser.getHeaderNames());
        } catch (HeaderMismatchException e) {
            throw new MalformedFileException(file, 1, 0, e.getMessage(), e);
        }
        this.records = parser.iterator();
        this.lineAfterPrevious = parser.getCurrentLineNumber();
    }

    @Override
    public List<String> header() {
        return layout.header();
    }

    @Override
    public SourceRecord next() throws IOException {
        long line = lineAfterPrevious + 1;
        CSVRecord record = read();
        if (record == null) {
            return null;
        }
        List<String> values = Arrays.asList(record.values());
        String position = "record " + record.getRecordNumber() + ", line " + line;
        return new SourceRecord() {
            @Override
            public Object[] convert(RecordConverter converter)
                    throws coop.cpc.lakehouse.ingest.record.RecordRejectedException {
                return converter.fromText(layout, values);
            }

            @Override
            public String position() {
                return position;
            }
        };
    }

    @Override
    public boolean skip() throws IOException {
        return read() != null;
    }

    private CSVRecord read() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            lineAfterPrevious = parser.getCurrentLineNumber();
            return record;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof CSVException || cause instanceof CharacterCodingException) {
                throw malformed(cause, lineAfterPrevious + 1);
            }
            throw cause;
        } catch (IllegalStateException e) {
            throw new MalformedFileException(file, lineAfterPrevious + 1, 0, e.getMessage(), e);
        }
    }

    private MalformedFileException malformed(IOException e, long line) {
        String problem = e instanceof CharacterCodingException ? "not valid UTF-8" : e.getMessage();
        return new MalformedFileException(file, Math.max(line, parser == null ? line : parser.getCurrentLineNumber()),
                0, problem, e);
    }

    private static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = pushback.readNBytes(head, 0, 3);
        boolean bom = n == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if (!bom && n > 0) {
            pushback.unread(head, 0, n);
        }
        return pushback;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
