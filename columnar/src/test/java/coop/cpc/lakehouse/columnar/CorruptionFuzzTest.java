package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrupted segments must fail with a CorruptSegmentException naming an element and an
 * offset, never decode to wrong values (format spec section 2).
 */
class CorruptionFuzzTest {
    private static byte[] segment;
    private static List<Object[]> rows;

    @BeforeAll
    static void writeSegment() throws Exception {
        Random r = new Random(42);
        Schema schema = Schema.of(
                new Column("ts", ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), false),
                new Column("hr", ColumnType.of(ColumnType.Kind.FLOAT64), true),
                new Column("channel", ColumnType.of(ColumnType.Kind.STRING), true),
                new Column("amount", ColumnType.decimal(12, 2), false));
        double[] hr = TestData.heartRate(600, r);
        rows = TestData.rows(
                TestData.column(600, 0, i -> Instant.ofEpochMilli(1_700_000_000_000L + 1000L * i)),
                TestData.column(600, 13, i -> hr[i]),
                TestData.column(600, 17, i -> new String[] {"web", "phone", "store"}[r.nextInt(3)]),
                TestData.column(600, 0, i -> java.math.BigDecimal.valueOf(r.nextInt(100_000), 2)));
        segment = Segments.roundTrip(schema, rows, 250);
    }

    @Test
    void everySingleBitFlipIsDetected() {
        Random r = new Random(1);
        for (int round = 0; round < 400; round++) {
            byte[] bad = segment.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 << r.nextInt(8));
            assertCorrupt(bad, "bit flip at " + at);
        }
    }

    @Test
    void everyTruncationIsDetected() {
        Random r = new Random(2);
        for (int round = 0; round < 200; round++) {
            int len = r.nextInt(segment.length);
            assertCorrupt(java.util.Arrays.copyOf(segment, len), "truncation to " + len);
        }
        assertCorrupt(java.util.Arrays.copyOf(segment, segment.length + 1), "one extra byte");
    }

    @Test
    void randomByteBurstsNeverYieldWrongValues() throws Exception {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            byte[] bad = segment.clone();
            int at = r.nextInt(bad.length);
            for (int i = at; i < Math.min(bad.length, at + 1 + r.nextInt(16)); i++) {
                bad[i] = (byte) r.nextInt(256);
            }
            Throwable t = catchThrowable(() -> WebmColumnar.read(bad).rows());
            if (t == null) {
                // Random bytes may equal the original ones: then the values must be the original ones.
                Segments.assertSameRows(WebmColumnar.read(bad).rows(), rows);
            } else {
                assertThat(t)
                        .as("burst at %d", at)
                        .isInstanceOf(CorruptSegmentException.class)
                        .hasMessageContaining(" at offset ");
            }
        }
    }

    @Test
    void namesTheClusterWhoseCrcFails() {
        byte[] bad = segment.clone();
        long offset;
        try {
            offset = WebmColumnar.read(segment).metadata().rowGroups().get(1).clusterOffset();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        bad[(int) offset + 40] ^= 0x10;
        assertThatThrownBy(() -> WebmColumnar.read(bad).rows())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("CRC-32 mismatch in Cluster at offset " + offset);
    }

    @Test
    void namesTheSegmentWhenTheFileIsCut() {
        byte[] bad = java.util.Arrays.copyOf(segment, segment.length - 1);
        assertThatThrownBy(() -> WebmColumnar.read(bad).rows())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("Segment size does not match the file length in Segment at offset 36");
    }

    private static void assertCorrupt(byte[] bad, String what) {
        Throwable t = catchThrowable(() -> WebmColumnar.read(bad).verify());
        assertThat(t).as(what).isInstanceOf(CorruptSegmentException.class).hasMessageContaining(" at offset ");
    }
}
