package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A row group whose background encode failed is reported by the next submit and by finish, with its own exception. */
class StreamingSegmentEncoderTest {
    private static final Schema SCHEMA = Schema.of(new Column("n", ColumnType.of(ColumnType.Kind.INT64), false));

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aFailedRowGroupIsThrownByTheNextSubmitAndByFinish() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StreamingSegmentEncoder encoder = new StreamingSegmentEncoder(SCHEMA, 0, 3, Set.of(), pool, (type, values) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalArgumentException("a chunk needs too many samples");
            }
            return ChunkEncoder.encode(type, values, 3);
        });
        encoder.submit(new Object[][] {{1L, 2L}}, 2).join();
        var failed = encoder.submit(new Object[][] {{3L, 4L}}, 2);
        assertThat(failed.handle((v, e) -> e).join()).isNotNull();

        assertThatThrownBy(() -> encoder.submit(new Object[][] {{5L}}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a chunk needs too many samples");
        assertThatThrownBy(() -> encoder.finish(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a chunk needs too many samples");
        assertThat(encoder.rowGroups()).isEqualTo(2);
    }
}
