package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Test helpers: write rows to a segment, read them back, compare exactly. */
public final class Segments {
    private Segments() {}

    public static byte[] write(Schema schema, List<Object[]> rows, int rowGroupSize) throws IOException {
        return write(schema, rows, rowGroupSize, WebmColumnar.FORMAT_VERSION);
    }

    public static byte[] write(Schema schema, List<Object[]> rows, int rowGroupSize, int formatVersion)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(schema)
                .rowGroupSize(rowGroupSize)
                .formatVersion(formatVersion)
                .build()) {
            for (Object[] row : rows) {
                w.add(row);
            }
        }
        return out.toByteArray();
    }

    /** The descriptor of the first chunk of the first track: the one a single-column test segment is about. */
    public static ChunkDescriptor firstChunk(byte[] segment) throws IOException {
        return WebmColumnar.read(segment).metadata().tracks().get(0).chunks().get(0);
    }

    /** Writes, reads back, asserts the values are identical (floats bit for bit), runs the oracles. */
    public static byte[] roundTrip(Schema schema, List<Object[]> rows, int rowGroupSize) throws Exception {
        return roundTrip(schema, rows, rowGroupSize, WebmColumnar.FORMAT_VERSION);
    }

    /** {@link #roundTrip} with the writer kept to the given format version (1 shows version 1's mode choices). */
    public static byte[] roundTrip(Schema schema, List<Object[]> rows, int rowGroupSize, int formatVersion)
            throws Exception {
        byte[] segment = write(schema, rows, rowGroupSize, formatVersion);
        List<Object[]> back = WebmColumnar.read(segment).rows();
        assertSameRows(back, rows);
        Oracles.check(segment);
        return segment;
    }

    public static void assertSameRows(List<Object[]> actual, List<Object[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            Object[] e = expected.get(r);
            Object[] a = actual.get(r);
            assertThat(a.length).isEqualTo(e.length);
            for (int c = 0; c < e.length; c++) {
                assertThat(same(a[c], e[c]))
                        .as("row %d column %d: %s vs %s", r, c, str(a[c]), str(e[c]))
                        .isTrue();
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return java.util.Objects.equals(a, b);
    }

    private static String str(Object o) {
        return o instanceof byte[] b ? Arrays.toString(b) : String.valueOf(o);
    }
}
