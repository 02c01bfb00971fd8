package coop.cpc.lakehouse.columnar.webm;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 and zig-zag varints for the chunk index. */
final class ByteSink {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void uv(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    void zv(long v) {
        uv((v << 1) ^ (v >> 63));
    }

    void u8(int v) {
        out.write(v);
    }

    void fixed(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    void bytes(byte[] b) {
        out.writeBytes(b);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
