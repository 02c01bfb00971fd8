package coop.cpc.lakehouse.columnar.av1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A minimal IVF writer (the container dav1d and aomdec read): a 32-byte file header, then per frame a
 * 12-byte header (size, 64-bit timestamp) and one temporal unit.
 */
public final class IvfWriter {
    private final OutputStream out;

    /** Writes the file header; {@code frameCount} is informational for readers. */
    public IvfWriter(OutputStream out, int width, int height, int frameCount) throws IOException {
        this.out = out;
        byte[] h = new byte[32];
        h[0] = 'D';
        h[1] = 'K';
        h[2] = 'I';
        h[3] = 'F';
        putLe(h, 4, 0, 2);
        putLe(h, 6, 32, 2);
        h[8] = 'A';
        h[9] = 'V';
        h[10] = '0';
        h[11] = '1';
        putLe(h, 12, width, 2);
        putLe(h, 14, height, 2);
        putLe(h, 16, 30, 4);
        putLe(h, 20, 1, 4);
        putLe(h, 24, frameCount, 4);
        out.write(h);
    }

    /** Writes one temporal unit (e.g. from {@link #temporalUnit}). */
    public void writeFrame(byte[] temporalUnit, long timestamp) throws IOException {
        byte[] h = new byte[12];
        putLe(h, 0, temporalUnit.length, 4);
        for (int i = 0; i < 8; i++) {
            h[4 + i] = (byte) (timestamp >>> (8 * i));
        }
        out.write(h);
        out.write(temporalUnit);
    }

    /** A temporal unit: temporal delimiter, the sequence header OBU, then the frame OBU. */
    public static byte[] temporalUnit(byte[] sequenceHeaderObu, byte[] frameObu) {
        ByteArrayOutputStream tu = new ByteArrayOutputStream(frameObu.length + sequenceHeaderObu.length + 2);
        tu.writeBytes(Obu.temporalDelimiter());
        tu.writeBytes(sequenceHeaderObu);
        tu.writeBytes(frameObu);
        return tu.toByteArray();
    }

    private static void putLe(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
