package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.csv.CsvRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer that encodes each row group as soon as it is full ({@code encodeAhead}) writes the same bytes
 * as one that encodes everything at close, also when a later row group changes a track's frame size or
 * bit depth (those frames are encoded again), holds a bounded number of row groups, and reports a failed
 * background encode at the next add or close.
 */
class EncodeAheadTest {
    private static final String GOLDEN = "/coop/cpc/lakehouse/columnar/v1/";

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("coop.cpc.lakehouse.columnar.GoldenSegmentFiles#v1Names")
    void goldenRowsEncodedAheadGiveTheGoldenBytes(String name) throws Exception {
        Schema schema = SchemaJson.parse(resourceText(name + ".schema.json"));
        String csv = resourceText(name + ".csv");
        // As the golden test's CLI run writes them: row groups of 8 rows, no title.
        byte[] atClose = write(schema, 8, null, w -> rowsOf(csv, schema, w));
        byte[] ahead = write(schema, 8, pool, w -> rowsOf(csv, schema, w));
        assertThat(ahead).as("%s encoded ahead", name).isEqualTo(atClose);
        if (GoldenFilesTest.encoderFingerprint()
                .equals(resourceText("av1-encoder.sha256").trim())) {
            assertThat(ahead).as("%s.webm", name).isEqualTo(resource(name + ".webm"));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomTablesEncodedAheadGiveTheSameBytes(long seed) throws Exception {
        Random r = new Random(seed);
        String[] types = {"int64", "int32", "decimal(12,2)", "string", "float64", "timestamp_ms", "bool", "bytes"};
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 1 + r.nextInt(4); c++) {
            columns.add(new Column("c" + c, ColumnType.parse(types[r.nextInt(types.length)]), true));
        }
        Schema schema = new Schema(columns);
        int rows = 1 + r.nextInt(3000);
        List<Object[]> table = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = r.nextInt(10) == 0
                        ? null
                        : TestData.random(columns.get(c).type(), r);
            }
            table.add(row);
        }
        int groupSize = 1 + r.nextInt(700);
        for (int inFlight : new int[] {1, 3}) {
            byte[] atClose = write(schema, groupSize, null, w -> table.forEach(w::add));
            byte[] ahead = write(schema, groupSize, pool, inFlight, w -> table.forEach(w::add));
            assertThat(ahead)
                    .as("seed %d, %d rows in groups of %d", seed, rows, groupSize)
                    .isEqualTo(atClose);
        }
    }

    @Test
    void aLaterRowGroupThatNeedsTallerFramesOrAnotherBitDepthGetsTheEarlierFramesEncodedAgain() throws Exception {
        Schema schema = Schema.of(
                new Column("small_then_wide", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("steady", ColumnType.of(ColumnType.Kind.INT64), false));
        Random r = new Random(7);
        List<Object[]> table = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            // The first row groups hold small numbers, the last ones random 60-bit ones: more samples per row.
            long wide = i < 3000 ? i % 5 : r.nextLong() >>> 4;
            table.add(new Object[] {wide, 1_000_000L + i});
        }
        ByteArrayOutputStream atClose = new ByteArrayOutputStream();
        try (SegmentWriter w =
                WebmColumnar.write(atClose).schema(schema).rowGroupSize(1000).build()) {
            table.forEach(w::add);
        }
        ByteArrayOutputStream ahead = new ByteArrayOutputStream();
        // One thread runs the row groups in order, so each guess sees exactly the row groups before it.
        ExecutorService inOrder = Executors.newSingleThreadExecutor();
        SegmentWriter w;
        try {
            w = WebmColumnar.write(ahead)
                    .schema(schema)
                    .rowGroupSize(1000)
                    .encodeAhead(inOrder, 2)
                    .build();
            table.forEach(w::add);
            w.close();
        } finally {
            inOrder.shutdownNow();
        }

        assertThat(ahead.toByteArray()).isEqualTo(atClose.toByteArray());
        // The three small row groups of the first column, not the steady column's frames.
        assertThat(w.framesEncodedTwice()).isEqualTo(3);
    }

    @Test
    void rowGroupsOfAnEvenTableAreEncodedOnceAndBeforeClose() throws Exception {
        Schema schema = Schema.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("amount", ColumnType.decimal(12, 2), true));
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService inOrder = Executors.newSingleThreadExecutor();
        Executor counting = task -> {
            tasks.incrementAndGet();
            inOrder.execute(task);
        };
        Random r = new Random(3);
        SegmentWriter w = WebmColumnar.write(new ByteArrayOutputStream())
                .schema(schema)
                .rowGroupSize(2048)
                .encodeAhead(counting, 2)
                .build();
        for (long i = 0; i < 3 * 2048; i++) {
            w.add(i, BigDecimal.valueOf(r.nextInt(1_000_000), 2));
        }
        // Three full row groups, two columns: six tasks handed to the executor before close.
        assertThat(tasks.get()).isEqualTo(6);
        for (long i = 0; i < 100; i++) {
            w.add(i, BigDecimal.ONE);
        }
        w.close();
        inOrder.shutdownNow();
        assertThat(tasks.get()).isEqualTo(8);
        assertThat(w.framesEncodedTwice()).isZero();
    }

    @Test
    void addingWaitsWhileTheRowGroupsInFlightAreStillEncoding() throws Exception {
        Schema schema = Schema.of(new Column("n", ColumnType.of(ColumnType.Kind.INT64), false));
        ArrayDeque<Runnable> held = new ArrayDeque<>();
        Executor manual = task -> {
            synchronized (held) {
                held.add(task);
            }
        };
        SegmentWriter w = WebmColumnar.write(new ByteArrayOutputStream())
                .schema(schema)
                .rowGroupSize(10)
                .encodeAhead(manual, 2)
                .build();
        CountDownLatch thirdGroupFull = new CountDownLatch(1);
        AtomicInteger added = new AtomicInteger();
        Thread adder = new Thread(() -> {
            for (long i = 0; i < 30; i++) {
                w.add(i);
                added.incrementAndGet();
            }
            thirdGroupFull.countDown();
        });
        adder.start();
        // Two row groups are in flight and none has run: the row that fills the third waits.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (added.get() < 29 || adder.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime())
                    .as("the adder waits for a row group in flight")
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(added.get()).isEqualTo(29);
        synchronized (held) {
            assertThat(held).hasSize(2);
        }
        Runnable first;
        synchronized (held) {
            first = held.poll();
        }
        first.run();
        assertThat(thirdGroupFull.await(10, TimeUnit.SECONDS)).isTrue();
        adder.join();
        while (true) {
            Runnable next;
            synchronized (held) {
                next = held.poll();
            }
            if (next == null) {
                break;
            }
            next.run();
        }
        ByteArrayOutputStream inline = new ByteArrayOutputStream();
        try (SegmentWriter plain =
                WebmColumnar.write(inline).schema(schema).rowGroupSize(10).build()) {
            for (long i = 0; i < 30; i++) {
                plain.add(i);
            }
        }
        w.close();
        assertThat(w.length()).isEqualTo(inline.size());
    }

    @Test
    void anAbandonedWriterWritesNothingAndRefusesRows() throws Exception {
        Schema schema = Schema.of(new Column("n", ColumnType.of(ColumnType.Kind.INT64), false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SegmentWriter w = WebmColumnar.write(out)
                .schema(schema)
                .rowGroupSize(10)
                .encodeAhead(pool, 2)
                .build();
        for (long i = 0; i < 25; i++) {
            w.add(i);
        }
        w.abandon();
        assertThatThrownBy(() -> w.add(1L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class).hasMessage("segment abandoned");
        assertThat(out.size()).isZero();
    }

    @Test
    void rowGroupsInFlightHaveAnUpperBound() {
        WebmColumnar.WriteBuilder builder = WebmColumnar.write(new ByteArrayOutputStream());
        assertThatThrownBy(() -> builder.encodeAhead(pool, WebmColumnar.MAX_GROUPS_IN_FLIGHT + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row groups in flight must be between 1 and 8, got 9");
        assertThatThrownBy(() -> builder.encodeAhead(pool, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] write(Schema schema, int groupSize, Executor ahead, RowsInto rows) throws IOException {
        return write(schema, groupSize, ahead, 2, rows);
    }

    private static byte[] write(Schema schema, int groupSize, Executor ahead, int inFlight, RowsInto rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebmColumnar.WriteBuilder builder =
                WebmColumnar.write(out).schema(schema).rowGroupSize(groupSize);
        if (ahead != null) {
            builder.encodeAhead(ahead, inFlight);
        }
        try (SegmentWriter w = builder.build()) {
            rows.into(w);
        }
        return out.toByteArray();
    }

    /** Adds a table's rows to a writer. */
    private interface RowsInto {
        void into(SegmentWriter w) throws IOException;
    }

    private static void rowsOf(String csv, Schema schema, SegmentWriter w) throws IOException {
        try (Reader in = new StringReader(csv)) {
            CsvRows.read(in, schema, w::add);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = EncodeAheadTest.class.getResourceAsStream(GOLDEN + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String resourceText(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
