package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** closeAsync encodes and writes the segment on another thread while the caller fills the next writer. */
class CloseAsyncTest {
    private static final Schema SCHEMA = Schema.of(new Column("n", ColumnType.of(ColumnType.Kind.INT64), false));

    @Test
    void segmentsClosedInTheBackgroundEqualThoseClosedInline() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            SegmentWriter w1 = WebmColumnar.write(first).schema(SCHEMA).build();
            for (long i = 0; i < 5000; i++) {
                w1.add(i * i);
            }
            CompletableFuture<Long> pending = w1.closeAsync(pool);
            assertThatThrownBy(() -> w1.add(1L)).isInstanceOf(IllegalStateException.class);
            ByteArrayOutputStream inline = new ByteArrayOutputStream();
            try (SegmentWriter w2 = WebmColumnar.write(inline).schema(SCHEMA).build()) {
                for (long i = 0; i < 5000; i++) {
                    w2.add(i * i);
                }
            }
            assertThat(pending.get()).isEqualTo(first.size());
            assertThat(first.toByteArray()).isEqualTo(inline.toByteArray());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedWriteCompletesWithItsIoException() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            OutputStream broken = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("disk full");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("disk full");
                }
            };
            SegmentWriter w = WebmColumnar.write(broken).schema(SCHEMA).build();
            w.add(1L);
            assertThatThrownBy(() -> w.closeAsync(pool).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IOException.class)
                    .hasMessage("disk full");
        } finally {
            pool.shutdownNow();
        }
    }
}
