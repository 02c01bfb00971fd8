package coop.cpc.lakehouse.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.ColumnType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkEncoderTest {
    private static final ColumnType BYTES = ColumnType.of(ColumnType.Kind.BYTES);

    @Test
    void neverWritesABytesDictionaryThatExpandsBeyondWhatAReaderAccepts() {
        // One 1,024-byte value in 2^18 + 1 rows: 1,024 bytes past the bound, so no dictionary but deflated bytes.
        Object[] values = new Object[(1 << 18) + 1];
        Arrays.fill(values, new byte[1024]);

        assertThat(ChunkEncoder.encode(BYTES, values, 4).encoding()).isEqualTo(Encoding.DEFLATE_BYTES);
    }

    @Test
    void stillWritesABytesDictionaryThatExpandsToExactlyTheBound() {
        Object[] values = new Object[1 << 18];
        Arrays.fill(values, new byte[1024]);

        assertThat(ChunkEncoder.encode(BYTES, values, 4).encoding())
                .isIn(Encoding.DICTIONARY, Encoding.RANS_DICTIONARY);
    }
}
