package coop.cpc.lakehouse.columnar.ebml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Writes EBML elements (RFC 8794) into memory. Master elements are built body first so that
 * their size is known and written in the shortest form; that is what makes the output
 * deterministic and lets a CRC-32 element precede the data it covers.
 */
public final class EbmlWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public EbmlWriter uint(EbmlId id, long value) {
        check(id, EbmlId.Kind.UINT);
        int len = 1;
        while (len < 8 && (value >>> (8 * len)) != 0) {
            len++;
        }
        header(id, len);
        for (int i = len - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    public EbmlWriter float64(EbmlId id, double value) {
        check(id, EbmlId.Kind.FLOAT);
        header(id, 8);
        long bits = Double.doubleToLongBits(value);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    public EbmlWriter string(EbmlId id, String value) {
        check(id, EbmlId.Kind.STRING);
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        header(id, b.length);
        out.writeBytes(b);
        return this;
    }

    public EbmlWriter binary(EbmlId id, byte[] value) {
        check(id, EbmlId.Kind.BINARY);
        header(id, value.length);
        out.writeBytes(value);
        return this;
    }

    /** A master element whose children the body writes. */
    public EbmlWriter master(EbmlId id, Consumer<EbmlWriter> body) {
        return master(id, false, body);
    }

    /** A master element whose first child is a CRC-32 of the other children's bytes. */
    public EbmlWriter masterWithCrc(EbmlId id, Consumer<EbmlWriter> body) {
        return master(id, true, body);
    }

    private EbmlWriter master(EbmlId id, boolean crc, Consumer<EbmlWriter> body) {
        check(id, EbmlId.Kind.MASTER);
        EbmlWriter child = new EbmlWriter();
        body.accept(child);
        byte[] data = child.toByteArray();
        if (crc) {
            header(id, data.length + 6L);
            out.write(EbmlId.CRC32.id());
            out.write(0x84);
            out.writeBytes(crc32Le(data, 0, data.length));
        } else {
            header(id, data.length);
        }
        out.writeBytes(data);
        return this;
    }

    /** Writes raw, already encoded bytes (a finished element). */
    public EbmlWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void header(EbmlId id, long size) {
        out.writeBytes(id.idBytes());
        out.writeBytes(encodeSize(size));
    }

    private static void check(EbmlId id, EbmlId.Kind kind) {
        if (id.kind() != kind) {
            throw new IllegalArgumentException(id.elementName() + " is " + id.kind() + ", not " + kind);
        }
    }

    /** The shortest vint for a size; all-ones values are reserved for "unknown" and skipped. */
    public static byte[] encodeSize(long size) {
        int len = 1;
        while (len < 8 && size >= (1L << (7 * len)) - 1) {
            len++;
        }
        return encodeSize(size, len);
    }

    /** A vint of exactly len bytes. */
    public static byte[] encodeSize(long size, int len) {
        if (len < 1 || len > 8 || size < 0 || size >= (1L << (7 * len)) - 1) {
            throw new IllegalArgumentException("size " + size + " does not fit a " + len + "-byte vint");
        }
        byte[] b = new byte[len];
        long v = size | (1L << (7 * len));
        for (int i = len - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** IEEE CRC-32 stored little-endian, as the CRC-32 element holds it. */
    public static byte[] crc32Le(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        long v = crc.getValue();
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
