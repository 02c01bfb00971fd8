package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.ReadStoppedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * The whole-file scan of a dropped CSV file over its bytes, before any record is read: it refuses what would
 * make the file unreadable as records ({@link CsvRecordStream}'s record length limit, counted in UTF-16
 * characters as the reader counts them, and input that is not well-formed UTF-8, as the JDK's decoder with
 * {@code REPORT} refuses it) without decoding the file into characters. It walks records as {@link
 * CsvRecordStream} passes over them (quoting, {@code ""}, CR/LF/CRLF, blank lines, a leading byte order mark)
 * and names the line where a problem is: for broken UTF-8, the line of its first byte.
 */
final class CsvByteScan {
    private static final int BUFFER = 64 * 1024;

    private final String file;
    private final InputStream in;
    private final int maxRecordChars;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int len;
    private long line = 1;
    /** Records passed over after the header. */
    private long records;

    private CsvByteScan(String file, InputStream in, int maxRecordChars) {
        this.file = file;
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * Passes over the header record and every record after it, asking {@code stopRequested} every {@code
     * stopCheckEvery} records.
     *
     * @return the records after the header
     * @throws FileLimitExceededException a record is longer than {@code maxRecordChars} characters
     * @throws MalformedFileException     the bytes are not well-formed UTF-8
     * @throws ReadStoppedException       the stop flag was raised
     */
    static long scan(String file, InputStream in, int maxRecordChars, BooleanSupplier stopRequested, int stopCheckEvery)
            throws IOException {
        CsvByteScan scan = new CsvByteScan(file, in, maxRecordChars);
        scan.skipByteOrderMark();
        if (!scan.pass()) {
            return 0;
        }
        while (scan.pass()) {
            scan.records++;
            if (scan.records % stopCheckEvery == 0 && stopRequested.getAsBoolean()) {
                throw new ReadStoppedException("reading " + file);
            }
        }
        return scan.records;
    }

    private void skipByteOrderMark() throws IOException {
        while (len < 3 && fillMore()) {
            continue;
        }
        if (len >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            pos = 3;
        }
    }

    /** Passes over the next record; false at the end of the file. */
    private boolean pass() throws IOException {
        int c;
        while ((c = read()) == '\n' || c == '\r') {
            endLine(c);
        }
        if (c < 0) {
            return false;
        }
        pos--; // the loop below reads c again
        long start = line;
        long length = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (pos == len && !fill()) {
                return true;
            }
            byte[] b = buffer;
            int p = pos;
            int n = len;
            // ASCII that changes no state, in a tight loop; everything else one byte at a time below.
            while (p < n) {
                byte x = b[p];
                if (x < 0 || x == '"' || x == '\n' || x == '\r' || (x == ',' && !quoted)) {
                    break;
                }
                p++;
                if (!quoted) {
                    fieldStart = false;
                }
            }
            length += p - pos;
            pos = p;
            checkLength(length, start);
            if (p == n) {
                continue;
            }
            int ch = b[p];
            pos++;
            if (ch < 0) {
                length += utf8Sequence(ch & 0xff);
                checkLength(length, start);
                if (!quoted) {
                    fieldStart = false;
                }
                continue;
            }
            checkLength(++length, start);
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        pos++; // the second quote of "" is not counted, as the reader does not count it
                    } else {
                        quoted = false;
                    }
                } else if (ch == '\n' || (ch == '\r' && peek() != '\n')) {
                    line++;
                }
            } else if (ch == ',') {
                fieldStart = true;
            } else if (ch == '\n' || ch == '\r') {
                endLine(ch);
                return true;
            } else {
                quoted = fieldStart; // ch is the quote
                fieldStart = false;
            }
        }
    }

    /**
     * Checks the rest of the sequence that {@code lead} starts (Unicode's table of well-formed byte sequences,
     * which is what the JDK's decoder accepts) and returns its length in UTF-16 characters.
     */
    private int utf8Sequence(int lead) throws IOException {
        int continuations = Utf8Sequences.continuations(lead);
        if (continuations < 0) {
            throw notUtf8();
        }
        for (int k = 0; k < continuations; k++) {
            if (!Utf8Sequences.continues(lead, k, peek())) {
                throw notUtf8();
            }
            pos++;
        }
        return continuations == 3 ? 2 : 1;
    }

    private MalformedFileException notUtf8() {
        return new MalformedFileException(file, line, 0, "not valid UTF-8", null);
    }

    private void checkLength(long length, long start) throws FileLimitExceededException {
        if (length > maxRecordChars) {
            throw FileLimitExceededException.csvRecordTooLong(file, start, records + 1, maxRecordChars);
        }
    }

    /** After a line break byte: CR LF counts once. */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buffer[pos] & 0xff;
    }

    /** Refills the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        pos = 0;
        len = 0;
        return fillMore();
    }

    private boolean fillMore() throws IOException {
        int n = in.read(buffer, len, buffer.length - len);
        if (n > 0) {
            len += n;
        }
        return n > 0;
    }
}
