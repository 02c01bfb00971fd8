package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.SegmentWritePipeline.SegmentWrite;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline.Written;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentWritePipelineTest {
    private static final Schema SCHEMA =
            new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false)));

    @TempDir
    Path root;

    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void handsBackEveryChunkInSubmissionOrderOnlyOnceItsSegmentIsOnDisk() throws Exception {
        List<Integer> order = new ArrayList<>();
        try (SegmentWritePipeline<Integer> pipeline = new SegmentWritePipeline<>(new SegmentFiles(root), executor, 2)) {
            for (int chunk = 0; chunk < 7; chunk++) {
                for (Written<Integer> w : pipeline.submit(chunk, List.of(write(chunk * 100, 100)))) {
                    order.add(w.chunk());
                    assertDurable(w);
                }
                assertThat(pipeline.inFlight()).isLessThanOrEqualTo(2);
            }
            for (Written<Integer> w : pipeline.drain()) {
                order.add(w.chunk());
                assertDurable(w);
            }
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void neverHoldsMoreChunksInFlightThanAllowed() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        SegmentFiles gated = new SegmentFiles(root) {
            @Override
            public StagedSegment write(String namespace, String asset, Schema schema, List<Object[]> rows)
                    throws IOException {
                started.incrementAndGet();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.write(namespace, asset, schema, rows);
            }
        };
        try (SegmentWritePipeline<Integer> pipeline = new SegmentWritePipeline<>(gated, executor, 2)) {
            assertThat(pipeline.submit(0, List.of(write(0, 10)))).isEmpty();
            assertThat(pipeline.submit(1, List.of(write(10, 10)))).isEmpty();

            CompletableFuture<List<Written<Integer>>> third = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.submit(2, List.of(write(20, 10)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(300);
            assertThat(third).as("a third chunk waits for the first").isNotDone();

            gate.countDown();
            List<Written<Integer>> handedBack = third.get(30, TimeUnit.SECONDS);
            assertThat(handedBack).extracting(Written::chunk).startsWith(0);
            List<Integer> all =
                    new ArrayList<>(handedBack.stream().map(Written::chunk).toList());
            pipeline.drain().forEach(w -> all.add(w.chunk()));
            assertThat(all).containsExactly(0, 1, 2);
        }
        assertThat(started).hasValue(3);
    }

    @Test
    void aFailedWriteIsThrownAndClosingDeletesTheFilesOfChunksNotHandedBack() throws Exception {
        SegmentFiles failingSecond = new SegmentFiles(root) {
            @Override
            public StagedSegment write(String namespace, String asset, Schema schema, List<Object[]> rows)
                    throws IOException {
                if ((long) rows.get(0)[0] == 100L) {
                    throw new IOException("No space left on device");
                }
                return super.write(namespace, asset, schema, rows);
            }
        };
        List<Written<Integer>> handedBack = new ArrayList<>();
        SegmentWritePipeline<Integer> pipeline = new SegmentWritePipeline<>(failingSecond, executor, 3);
        handedBack.addAll(pipeline.submit(0, List.of(write(0, 50))));
        handedBack.addAll(pipeline.drain());

        // The failure comes out of whichever call reaches chunk 1 first, and that call hands back nothing.
        assertThatThrownBy(() -> {
                    handedBack.addAll(pipeline.submit(1, List.of(write(100, 50), write(200, 50))));
                    handedBack.addAll(pipeline.submit(2, List.of(write(300, 50))));
                    handedBack.addAll(pipeline.drain());
                })
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");
        pipeline.close();

        List<Path> kept = handedBack.stream()
                .flatMap(w -> w.segments().stream())
                .map(s -> root.resolve(s.path()))
                .toList();
        assertThat(handedBack).extracting(Written::chunk).containsExactly(0);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactlyInAnyOrderElementsOf(kept);
        }
    }

    @Test
    void refusesLessThanOneChunkInFlight() {
        assertThatThrownBy(() -> new SegmentWritePipeline<>(new SegmentFiles(root), executor, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private void assertDurable(Written<Integer> written) {
        for (StagedSegment segment : written.segments()) {
            assertThat(root.resolve(segment.path())).isRegularFile();
            assertThat(segment.rowCount()).isEqualTo(100);
        }
    }

    private static SegmentWrite write(long first, int rows) {
        List<Object[]> values = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            values.add(new Object[] {first + i});
        }
        return new SegmentWrite("ns", "asset", SCHEMA, values);
    }
}
