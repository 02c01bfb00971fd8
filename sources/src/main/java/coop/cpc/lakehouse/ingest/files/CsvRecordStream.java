package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.record.CsvHeaderLayout;
import coop.cpc.lakehouse.ingest.record.HeaderMismatchException;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 4180 CSV with a header row, UTF-8 (a byte order mark is dropped); an empty unquoted field is
 * null, a quoted empty one "", blank lines are not records. Split here rather than by commons-csv,
 * which can neither bound a record's length nor go on after a broken record: this reader holds at
 * most {@link FileDropLimits#maxRecordBytes()} characters of one record, and a record with broken
 * quoting (text after a closing quote, a quote still open at the end of the file) is one rejected
 * record, after which reading goes on at the next record. A record longer than the limit means
 * the file cannot be read as records.
 */
final class CsvRecordStream implements RecordStream {

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        AFTER_QUOTE
    }

    /** One record as split, or why it is broken. */
    private record Raw(List<String> values, String problem, long line) {}

    private final String file;
    private final InputStream in;
    /**
     * Bytes read and not yet decoded, at {@code [bytesStart, bytesEnd)}. Decoded here rather than by an {@code
     * InputStreamReader}, whose decoder took about twice as long on text with a non-ASCII character in most
     * lines; it refuses the same input ({@link Utf8Sequences}).
     */
    private final byte[] bytes = new byte[16 * 1024];

    private int bytesStart;
    private int bytesEnd;
    private boolean endOfBytes;
    private final int maxRecordChars;
    private final char[] buffer = new char[16 * 1024];
    /**
     * The field being collected. A char array rather than a StringBuilder: a builder that once held a
     * non-Latin-1 character keeps its UTF-16 form, and every later field then paid to be compressed back.
     */
    private char[] field = new char[256];

    private int fieldLength;
    private final CsvHeaderLayout layout;
    private int pos;
    private int len;
    private long line = 1;
    private long recordNumber;

    CsvRecordStream(String file, InputStream in, RecordConverter converter, int maxRecordChars) throws IOException {
        this.file = file;
        this.maxRecordChars = maxRecordChars;
        this.in = withoutBom(in);
        Raw header = split(true);
        if (header == null) {
            throw new MalformedFileException(file, 1, 0, "bad header: the file is empty", null);
        }
        if (header.problem() != null) {
            throw new MalformedFileException(file, header.line(), 0, "bad header: " + header.problem(), null);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.values().size(); i++) {
            String name = header.values().get(i);
            if (name == null || name.isBlank()) {
                throw new MalformedFileException(
                        file, header.line(), 0, "bad header: column " + (i + 1) + " has no name", null);
            }
            if (!seen.add(name)) {
                throw new MalformedFileException(
                        file, header.line(), 0, "bad header: the name '" + name + "' appears twice", null);
            }
        }
        try {
            this.layout = converter.bindHeader(header.values());
        } catch (HeaderMismatchException e) {
            throw new MalformedFileException(file, header.line(), 0, e.getMessage(), e);
        }
    }

    @Override
    public List<String> header() {
        return layout.header();
    }

    @Override
    public SourceRecord next() throws IOException {
        Raw raw = split(true);
        if (raw == null) {
            return null;
        }
        long number = ++recordNumber;
        return new SourceRecord() {
            @Override
            public Object[] convert(RecordConverter converter) throws RecordRejectedException {
                if (raw.problem() != null) {
                    throw new RecordRejectedException(raw.problem());
                }
                return converter.fromText(layout, raw.values());
            }

            @Override
            public String position() {
                return "record " + number + ", line " + raw.line();
            }
        };
    }

    @Override
    public boolean skip() throws IOException {
        if (!pass()) {
            return false;
        }
        recordNumber++;
        return true;
    }

    /**
     * Passes over the next record as {@code split(false)} would (same length limit, line count and quoting),
     * in one loop over the buffer: the scan of a whole file before it is read spends its time here. False at
     * the end of the file. {@link CsvByteScan} walks records the same way over undecoded bytes (a separate loop
     * on purpose: one buffer abstraction over bytes and characters would cost the hot path); change both together.
     */
    private boolean pass() throws IOException {
        if (firstOfRecord() < 0) {
            return false;
        }
        pos--; // the loop below reads it again
        long start = line;
        long length = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        buffers:
        while (true) {
            if (pos == len && !fill()) {
                return true;
            }
            char[] b = buffer;
            int p = pos;
            // Up to the first character over the limit: counted, then refused, before anything after it is read.
            int end = (int) Math.min(len, p + (maxRecordChars - length) + 1);
            while (p < end) {
                char ch = b[p++];
                if (quoted) {
                    if (ch == '"' || ch == '\r') {
                        if (p == len) {
                            // What follows is in the next buffer: count up to here, then look there.
                            length += p - pos;
                            pos = p;
                            checkLength(length, start);
                            int next = peek();
                            if (ch == '\r') {
                                if (next != '\n') {
                                    line++;
                                }
                            } else if (next == '"') {
                                read(); // the second quote of "" is not counted, as split does not count it
                            } else {
                                quoted = false;
                            }
                            continue buffers;
                        }
                        if (ch == '\r') {
                            if (b[p] != '\n') {
                                line++;
                            }
                        } else if (b[p] == '"') {
                            length += p - pos;
                            checkLength(length, start);
                            pos = ++p;
                            end = (int) Math.min(len, p + (maxRecordChars - length) + 1);
                        } else {
                            quoted = false;
                        }
                    } else if (ch == '\n') {
                        line++;
                    }
                } else if (ch == ',') {
                    fieldStart = true;
                } else if (ch == '\n' || ch == '\r') {
                    length += p - pos;
                    pos = p;
                    checkLength(length, start);
                    endLine(ch);
                    return true;
                } else {
                    quoted = fieldStart && ch == '"';
                    fieldStart = false;
                }
            }
            length += p - pos;
            pos = p;
            checkLength(length, start);
        }
    }

    private void checkLength(long length, long start) throws FileLimitExceededException {
        if (length > maxRecordChars) {
            throw FileLimitExceededException.csvRecordTooLong(file, start, recordNumber + 1, maxRecordChars);
        }
    }

    /**
     * The next record, or null at the end of the file. Without {@code collect} its fields are only
     * walked (length limit, quoting, line count), not kept: the scan of a whole file before it is read.
     */
    private Raw split(boolean collect) throws IOException {
        int c = firstOfRecord();
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> values = collect ? new ArrayList<>() : List.of();
        fieldLength = 0;
        int fields = 0;
        boolean quoted = false;
        String problem = null;
        State state = State.FIELD_START;
        long length = 0;
        for (; ; c = read()) {
            if (c < 0) {
                if (state == State.QUOTED) {
                    problem = "a quoted field opened on line " + start + " is not closed at the end of the file";
                }
                if (collect) {
                    values.add(value(quoted));
                }
                return new Raw(values, problem, start);
            }
            checkLength(++length, start);
            if (state == State.QUOTED) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        if (collect) {
                            append('"');
                        }
                    } else {
                        state = State.AFTER_QUOTE;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    if (collect) {
                        append((char) c);
                        length += appendRun(true, length);
                    }
                }
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r') {
                if (collect) {
                    values.add(value(quoted));
                    fieldLength = 0;
                }
                fields++;
                quoted = false;
                state = State.FIELD_START;
                if (c != ',') {
                    endLine(c);
                    return new Raw(values, problem, start);
                }
                continue;
            }
            if (state == State.FIELD_START && c == '"') {
                quoted = true;
                state = State.QUOTED;
            } else if (state == State.AFTER_QUOTE) {
                if (problem == null) {
                    problem = "text after the closing quote of field " + (fields + 1);
                }
            } else {
                state = State.UNQUOTED;
                if (collect) {
                    append((char) c);
                    length += appendRun(false, length);
                }
            }
        }
    }

    /**
     * Appends the characters from {@code pos} on that change nothing in the field's state (in a quoted field
     * anything but a quote or a line break, in an unquoted one anything but a comma or a line break), as far
     * as the buffer goes and the record's length stays within the limit; returns how many. What stops the run
     * is read next one character at a time, as before.
     */
    private int appendRun(boolean quoted, long length) {
        char[] b = buffer;
        int start = pos;
        int end = (int) Math.min(len, start + (maxRecordChars - length));
        int p = start;
        if (quoted) {
            while (p < end) {
                char ch = b[p];
                if (ch == '"' || ch == '\n' || ch == '\r') {
                    break;
                }
                p++;
            }
        } else {
            while (p < end) {
                char ch = b[p];
                if (ch == ',' || ch == '\n' || ch == '\r') {
                    break;
                }
                p++;
            }
        }
        int run = p - start;
        if (run > 0) {
            if (fieldLength + run > field.length) {
                // Bounded: the run is within the record's limit.
                field = Arrays.copyOf(field, Math.max(fieldLength + run, Math.min(2 * field.length, maxRecordChars)));
            }
            System.arraycopy(b, start, field, fieldLength, run);
            fieldLength += run;
            pos = p;
        }
        return run;
    }

    private String value(boolean quoted) {
        return !quoted && fieldLength == 0 ? null : new String(field, 0, fieldLength);
    }

    private void append(char c) {
        if (fieldLength == field.length) {
            // Bounded: a record (and so a field) is at most maxRecordChars characters.
            field = Arrays.copyOf(field, Math.max(16, Math.min(2 * field.length, maxRecordChars)));
        }
        field[fieldLength++] = c;
    }

    /** Passes over blank lines: the first character of the next record, or -1 at the end of the file. */
    private int firstOfRecord() throws IOException {
        int c;
        while ((c = read()) == '\n' || c == '\r') {
            endLine(c);
        }
        return c;
    }

    /** After a line break character: CR LF counts once. */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buffer[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buffer[pos];
    }

    /** Decodes the next characters into the empty buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        pos = 0;
        len = 0;
        while (true) {
            len = decode();
            if (len > 0) {
                return true;
            }
            // What is left is empty or the start of a sequence whose other bytes are still to be read.
            if (endOfBytes) {
                if (bytesStart < bytesEnd) {
                    throw notUtf8();
                }
                return false;
            }
            System.arraycopy(bytes, bytesStart, bytes, 0, bytesEnd - bytesStart);
            bytesEnd -= bytesStart;
            bytesStart = 0;
            int n = in.read(bytes, bytesEnd, bytes.length - bytesEnd);
            if (n < 0) {
                endOfBytes = true;
            } else {
                bytesEnd += n;
            }
        }
    }

    /**
     * Decodes the whole sequences at the start of the undecoded bytes into the buffer, as many as fit; returns
     * how many characters. Stops before a sequence whose bytes are not all read yet, and before a broken one.
     *
     * @throws MalformedFileException when the undecoded bytes start with a broken sequence
     */
    private int decode() throws MalformedFileException {
        byte[] src = bytes;
        char[] dst = buffer;
        int sp = bytesStart;
        int sl = bytesEnd;
        int dp = 0;
        int dl = dst.length - 1; // room for the two characters of a supplementary one
        while (sp < sl && dp < dl) {
            int b = src[sp];
            if (b >= 0) {
                int end = Math.min(sl, sp + (dl - dp));
                while (sp < end && (b = src[sp]) >= 0) {
                    dst[dp++] = (char) b;
                    sp++;
                }
                continue;
            }
            int lead = b & 0xFF;
            int continuations = Utf8Sequences.continuations(lead);
            int available = Math.min(Math.max(continuations, 0), sl - sp - 1);
            boolean wellFormed = continuations >= 0;
            for (int k = 0; k < available && wellFormed; k++) {
                wellFormed = Utf8Sequences.continues(lead, k, src[sp + 1 + k] & 0xFF);
            }
            if (!wellFormed) {
                if (dp > 0) {
                    break; // the characters before it are read first, so the error names the line it is on
                }
                throw notUtf8();
            }
            if (available < continuations) {
                break; // the rest of the sequence is in bytes not read yet
            }
            if (continuations == 1) {
                dst[dp++] = (char) (((lead & 0x1F) << 6) | (src[sp + 1] & 0x3F));
            } else if (continuations == 2) {
                dst[dp++] = (char) (((lead & 0x0F) << 12) | ((src[sp + 1] & 0x3F) << 6) | (src[sp + 2] & 0x3F));
            } else {
                int codePoint = ((lead & 0x07) << 18)
                        | ((src[sp + 1] & 0x3F) << 12)
                        | ((src[sp + 2] & 0x3F) << 6)
                        | (src[sp + 3] & 0x3F);
                dst[dp++] = Character.highSurrogate(codePoint);
                dst[dp++] = Character.lowSurrogate(codePoint);
            }
            sp += continuations + 1;
        }
        bytesStart = sp;
        return dp;
    }

    private MalformedFileException notUtf8() {
        return new MalformedFileException(file, line, 0, "not valid UTF-8", null);
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
        in.close();
    }
}
