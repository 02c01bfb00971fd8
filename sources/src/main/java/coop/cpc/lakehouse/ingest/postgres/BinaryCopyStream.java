package coop.cpc.lakehouse.ingest.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The tuples of {@code COPY ... TO STDOUT (FORMAT binary)}: an 11-byte signature, flags and a header
 * extension, then per tuple a 16-bit field count and each field as a 32-bit length (-1: NULL) and its bytes,
 * and a count of -1 at the end. A tuple is read whole into one buffer, which grows only up to the row bound:
 * a longer tuple is refused before its bytes are read.
 */
final class BinaryCopyStream {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Header flag bit 16: every tuple carries an OID (never asked for here). */
    private static final int FLAG_OIDS = 1 << 16;

    /** A tuple longer than the bound. */
    static final class RowTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        RowTooLongException() {
            super("row too long");
        }
    }

    private final InputStream in;
    private final int maxRowBytes;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    /** Where the current tuple starts, and how many of its fields are read: what a compaction moves. */
    private int tupleStart;

    private int fieldsRead;
    private boolean headerRead;
    private boolean ended;
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];

    BinaryCopyStream(InputStream in, int maxRowBytes) {
        this.in = in;
        this.maxRowBytes = maxRowBytes;
    }

    /**
     * Reads the next tuple; its fields are then {@link #isNull}, {@link #offset}, {@link #length} over {@link
     * #buffer}, valid until the next call.
     *
     * @return the tuple's field count, or -1 after the last tuple (the COPY is then finished)
     * @throws RowTooLongException when the tuple's fields and lengths exceed the row bound
     * @throws IOException when the stream breaks off or is not binary COPY
     */
    int next() throws IOException {
        if (ended) {
            return -1;
        }
        if (!headerRead) {
            readHeader();
        }
        tupleStart = pos;
        fieldsRead = 0;
        require(2);
        int fields = PostgresBinary.short16(buf, pos);
        pos += 2;
        if (fields == -1) {
            ended = true;
            if (pos != limit || in.read() != -1) {
                throw new IOException("binary COPY goes on after its trailer");
            }
            return -1;
        }
        if (fields < 0) {
            throw new IOException("binary COPY tuple with " + fields + " fields");
        }
        if (offsets.length < fields) {
            offsets = new int[fields];
            lengths = new int[fields];
        }
        long rowBytes = 2;
        for (int f = 0; f < fields; f++) {
            require(4);
            int length = PostgresBinary.int32(buf, pos);
            pos += 4;
            rowBytes += 4;
            if (length < -1) {
                throw new IOException("binary COPY field of length " + length);
            }
            if (length > 0) {
                rowBytes += length;
                if (rowBytes > maxRowBytes) {
                    throw new RowTooLongException();
                }
                require(length);
            }
            offsets[f] = pos;
            lengths[f] = length;
            pos += Math.max(0, length);
            fieldsRead = f + 1;
        }
        return fields;
    }

    byte[] buffer() {
        return buf;
    }

    boolean isNull(int field) {
        return lengths[field] < 0;
    }

    int offset(int field) {
        return offsets[field];
    }

    int length(int field) {
        return lengths[field];
    }

    private void readHeader() throws IOException {
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a binary COPY stream");
        }
        pos += SIGNATURE.length;
        int flags = PostgresBinary.int32(buf, pos);
        int extension = PostgresBinary.int32(buf, pos + 4);
        pos += 8;
        if ((flags & FLAG_OIDS) != 0 || extension < 0 || extension > 1 << 16) {
            throw new IOException("binary COPY header with flags " + flags + " and a " + extension + "-byte extension");
        }
        require(extension);
        pos += extension;
        headerRead = true;
    }

    /**
     * Makes {@code n} bytes from {@code pos} available: when the buffer's end is near, the current tuple moves to
     * its front (the offsets of the fields read so far with it), and the buffer grows only for a tuple larger
     * than it (the caller bounds n by the row bound).
     */
    private void require(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        if (pos + n > buf.length && tupleStart > 0) {
            System.arraycopy(buf, tupleStart, buf, 0, limit - tupleStart);
            for (int f = 0; f < fieldsRead; f++) {
                offsets[f] -= tupleStart;
            }
            pos -= tupleStart;
            limit -= tupleStart;
            tupleStart = 0;
        }
        if (pos + n > buf.length) {
            // Doubling stops at the row bound: a row never needs more than that (plus the field it is reading).
            buf = Arrays.copyOf(buf, (int) Math.max((long) pos + n, Math.min(2L * buf.length, maxRowBytes)));
        }
        while (limit - pos < n) {
            int got = in.read(buf, limit, buf.length - limit);
            if (got < 0) {
                throw new IOException("binary COPY ended in the middle of a tuple");
            }
            limit += got;
        }
    }
}
