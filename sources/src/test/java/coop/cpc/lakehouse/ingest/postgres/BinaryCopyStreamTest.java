package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCopyStreamTest {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Test
    void readsEveryFieldOfTuplesLargerThanItsBufferFromTrickledReads() throws IOException {
        Random r = new Random(1616);
        List<byte[][]> tuples = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            byte[][] fields = new byte[1 + r.nextInt(5)][];
            for (int f = 0; f < fields.length; f++) {
                if (r.nextInt(6) == 0) {
                    continue; // NULL
                }
                // Now and then a field larger than the 64 KiB buffer.
                fields[f] = new byte[r.nextInt(20) == 0 ? 70_000 + r.nextInt(100_000) : r.nextInt(3_000)];
                r.nextBytes(fields[f]);
            }
            tuples.add(fields);
        }
        BinaryCopyStream stream = new BinaryCopyStream(trickle(copy(tuples, 5), r), 1 << 20);
        for (byte[][] expected : tuples) {
            assertThat(stream.next()).isEqualTo(expected.length);
            for (int f = 0; f < expected.length; f++) {
                if (expected[f] == null) {
                    assertThat(stream.isNull(f)).isTrue();
                } else {
                    byte[] got =
                            Arrays.copyOfRange(stream.buffer(), stream.offset(f), stream.offset(f) + stream.length(f));
                    assertThat(got).isEqualTo(expected[f]);
                }
            }
        }
        assertThat(stream.next()).isEqualTo(-1);
        assertThat(stream.next()).isEqualTo(-1);
    }

    @Test
    void refusesATupleOverTheRowBoundBeforeReadingItsBytes() throws IOException {
        byte[][] small = {new byte[10]};
        byte[][] large = {new byte[500], new byte[600]};
        BinaryCopyStream stream = new BinaryCopyStream(new ByteArrayInputStream(copy(List.of(small, large), 0)), 1_000);
        assertThat(stream.next()).isEqualTo(1);
        assertThatThrownBy(stream::next).isInstanceOf(BinaryCopyStream.RowTooLongException.class);
    }

    @Test
    void itsBufferNeverGrowsPastTheRowBoundForRowsJustUnderIt() throws IOException {
        int bound = 100_000;
        byte[][] first = {new byte[60_000]};
        byte[][] second = {new byte[70_000]};
        byte[][] third = {new byte[bound - 8]};
        BinaryCopyStream stream =
                new BinaryCopyStream(new ByteArrayInputStream(copy(List.of(first, second, third), 0)), bound);
        for (int t = 0; t < 3; t++) {
            assertThat(stream.next()).isEqualTo(1);
            assertThat(stream.buffer().length).isLessThanOrEqualTo(bound + 8);
        }
        assertThat(stream.next()).isEqualTo(-1);
    }

    @Test
    void refusesStreamsThatAreNotWholeBinaryCopies() {
        byte[] good = copy(List.<byte[][]>of(new byte[][] {{1, 2, 3}}), 0);
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        assertThatThrownBy(() -> readAll(truncated)).hasMessage("binary COPY ended in the middle of a tuple");
        byte[] csv = "id,name\n1,one\n2,two\n3,three\n".getBytes();
        assertThatThrownBy(() -> readAll(csv)).hasMessage("not a binary COPY stream");
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> readAll(trailing)).hasMessage("binary COPY goes on after its trailer");
    }

    private static void readAll(byte[] bytes) throws IOException {
        BinaryCopyStream stream = new BinaryCopyStream(new ByteArrayInputStream(bytes), 1 << 20);
        while (stream.next() >= 0) {
            continue;
        }
    }

    /** A binary COPY of the tuples (null fields are NULL) with a header extension of the given length. */
    private static byte[] copy(List<byte[][]> tuples, int extension) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(extension);
            out.write(new byte[extension]);
            for (byte[][] fields : tuples) {
                out.writeShort(fields.length);
                for (byte[] f : fields) {
                    out.writeInt(f == null ? -1 : f.length);
                    if (f != null) {
                        out.write(f);
                    }
                }
            }
            out.writeShort(-1);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Hands out at most a few thousand bytes per read, as a network stream does. */
    private static InputStream trickle(byte[] bytes, Random r) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(5_000)));
            }
        };
    }
}
