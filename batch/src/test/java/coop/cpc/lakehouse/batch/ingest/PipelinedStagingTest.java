package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.ingest.PreparedSegment;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader reads on while the chunks before are written; the checkpoint Batch saves is the one
 * after the last chunk whose segment is durable and recorded, and at the end of the source every
 * chunk still in flight is written and recorded before the step ends.
 */
class PipelinedStagingTest {
    private static final UUID ASSET = UUID.randomUUID();
    private static final List<Column> COLUMNS = List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false));

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch writesMayRun = new CountDownLatch(1);
    private final List<List<Long>> recorded = new ArrayList<>();
    private long rowsInSource = 25;

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void savesTheCheckpointOfTheLastDurableChunkAndWritesOutEveryChunkAtTheEnd() throws Exception {
        Step step = openStep(null);
        SourceItemReader reader = step.reader();
        StagingItemWriter writer = step.writer();

        // Two chunks of 10 rows in flight (ingestion_chunks_in_flight 2 here), their writes held back.
        writer.writeItems(read(reader, 10));
        writer.writeItems(read(reader, 10));
        assertThat(recorded).isEmpty();
        assertThat(reader.checkpointInfo())
                .as("nothing durable yet: a restart reads from the start")
                .isNull();

        writesMayRun.countDown();
        // The last 5 rows, then the end: Batch writes that last chunk and asks for the checkpoint.
        List<Object> last = read(reader, 5);
        assertThat(reader.readItem()).isNull();
        writer.writeItems(last);

        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(0)).containsExactlyElementsOf(range(1, 10));
        assertThat(recorded.get(1)).containsExactlyElementsOf(range(11, 20));
        assertThat(recorded.get(2)).containsExactlyElementsOf(range(21, 25));
        assertThat(reader.checkpointInfo()).isEqualTo(25L);

        writer.close();
        reader.close();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(3);
        }
    }

    @Test
    void anEmptyLastChunkStillWritesOutTheChunksInFlightBeforeItsCheckpoint() throws Exception {
        rowsInSource = 20;
        Step step = openStep(null);
        SourceItemReader reader = step.reader();
        StagingItemWriter writer = step.writer();

        writer.writeItems(read(reader, 10));
        writer.writeItems(read(reader, 10));
        writesMayRun.countDown();
        // The source ends at a chunk boundary: Batch calls no writer, only the reader's checkpointInfo.
        assertThat(reader.readItem()).isNull();

        assertThat(reader.checkpointInfo()).isEqualTo(20L);
        assertThat(recorded).hasSize(2);
        writer.close();
        reader.close();
    }

    @Test
    void aRunThatFailsLeavesNoFileOfTheChunksNotRecorded() throws Exception {
        Step step = openStep(7L);
        SourceItemReader reader = step.reader();
        StagingItemWriter writer = step.writer();

        writer.writeItems(read(reader, 10));
        assertThat(reader.checkpointInfo()).isEqualTo(7L);
        writesMayRun.countDown();
        // The step fails here (Batch closes the writer, then the reader): the chunk was never recorded.
        writer.close();
        reader.close();

        assertThat(recorded).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    /** The reader and the writer of one chunk step, sharing its contexts and the faked service. */
    private record Step(SourceItemReader reader, StagingItemWriter writer) {}

    /** The step opened as Batch opens it: the reader at {@code checkpoint} (null: from the start), then the writer. */
    private Step openStep(Long checkpoint) throws Exception {
        JobContext job = BatchContexts.job(() -> BatchStatus.STARTED);
        StepContext step = BatchContexts.step();
        IngestionRunService service = service();
        SourceItemReader reader = new SourceItemReader();
        reader.job = job;
        reader.step = step;
        reader.service = service;
        reader.rejectedInInstance = execution -> 0;
        StagingItemWriter writer = new StagingItemWriter();
        writer.job = job;
        writer.step = step;
        writer.service = service;
        reader.open(checkpoint);
        writer.open(null);
        return new Step(reader, writer);
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            values.add(v);
        }
        return values;
    }

    private static List<Object> read(SourceItemReader reader, int items) throws Exception {
        List<Object> chunk = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            chunk.add(reader.readItem());
        }
        return chunk;
    }

    private IngestionRunService service() {
        SegmentFiles files = new SegmentFiles(root);
        return (IngestionRunService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionRunService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "open" -> {
                            return new CountingSource(args[1] == null ? 0 : (Long) args[1], rowsInSource);
                        }
                        case "segmentPipeline" -> {
                            return new SegmentWritePipeline<>(files, this::heldBack, 2);
                        }
                        case "prepare" -> {
                            List<Object[]> rows = new ArrayList<>();
                            @SuppressWarnings("unchecked")
                            List<IngestRow> items = (List<IngestRow>) args[1];
                            for (IngestRow row : items) {
                                if (row != IngestRow.NOTHING) {
                                    rows.add(row.values());
                                }
                            }
                            return rows.isEmpty()
                                    ? List.of()
                                    : List.of(new PreparedSegment(
                                            ASSET,
                                            new SegmentWritePipeline.SegmentWrite(
                                                    "ns", "asset", new Schema(COLUMNS), rows),
                                            "[]",
                                            "{}"));
                        }
                        case "record" -> {
                            @SuppressWarnings("unchecked")
                            List<PreparedSegment> prepared = (List<PreparedSegment>) args[2];
                            @SuppressWarnings("unchecked")
                            List<StagedSegment> segments = (List<StagedSegment>) args[3];
                            for (int i = 0; i < prepared.size(); i++) {
                                assertThat(root.resolve(segments.get(i).path()))
                                        .as("recorded only once on disk")
                                        .isRegularFile();
                                recorded.add(prepared.get(i).write().rows().stream()
                                        .map(r -> (Long) r[0])
                                        .toList());
                            }
                            return null;
                        }
                        case "readToEnd" -> {
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Runs a write on another thread once the test lets writes run. */
    private void heldBack(Runnable write) {
        threads.execute(() -> {
            try {
                writesMayRun.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            write.run();
        });
    }

    /** Rows 1..last with id = row number; the checkpoint is the number of rows read. */
    private static final class CountingSource extends ScriptedSource {
        private long read;
        private final long last;

        CountingSource(long from, long last) {
            super(ASSET, COLUMNS, "test:counting");
            this.read = from;
            this.last = last;
        }

        @Override
        public boolean readNext(RowSink sink) throws Exception {
            if (read == last) {
                return false;
            }
            read++;
            sink.row(new Object[] {read});
            return true;
        }

        @Override
        public Serializable checkpoint() {
            return read;
        }
    }
}
