package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFilesTest {

    @TempDir
    Path root;

    @Test
    void segmentFilesAndTheFoldersItCreatesAreReadableByTheServersAccountOnly() throws Exception {
        // The umask of a WildFly started from a shell (022) would leave them rw-r--r-- and rwxr-xr-x.
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), true)));

        StagedSegment segment =
                new SegmentFiles(root).write("health", "vitals", schema, List.<Object[]>of(new Object[] {1L}));

        assertThat(permissions(root.resolve(segment.path()))).isEqualTo("rw-------");
        for (String folder : List.of("health", "health/vitals", "health/vitals/data")) {
            assertThat(permissions(root.resolve(folder))).as(folder).isEqualTo("rwx------");
        }
    }

    @Test
    void anAbandonedSegmentsStagingFileIsReadableByTheServersAccountOnlyWhileItIsWritten() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), true)));

        try (SegmentFiles.Appender appender = new SegmentFiles(root).open("crm", "accounts", "data", schema)) {
            appender.add(new Object[] {1L});
            try (Stream<Path> files = Files.list(root.resolve("crm/accounts/data"))) {
                assertThat(files.map(SegmentFilesTest::permissions)).containsExactly("rw-------");
            }
        }
    }

    private static String permissions(Path path) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void leavesNoFileBehindWhenTheWriteRunsOutOfMemory() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), true)));
        int size = 100;
        // Rows are read once (statistics and encoder together); the write meets an OutOfMemoryError halfway through.
        List<Object[]> rows = new AbstractList<>() {
            private int reads;

            @Override
            public Object[] get(int index) {
                if (++reads > size / 2) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return new Object[] {(long) index};
            }

            @Override
            public int size() {
                return size;
            }
        };

        assertThatThrownBy(() -> new SegmentFiles(root).write("health", "vitals", schema, rows))
                .isInstanceOf(OutOfMemoryError.class);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void theFirstSegmentOfANewNamespaceForcesEachFolderItCreatedAndTheStorageFolder() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), true)));
        Files.createDirectories(root.resolve("health"));
        List<Path> forced = new ArrayList<>();
        SegmentFiles files = new SegmentFiles(root) {
            @Override
            void forceFolder(Path folder) throws IOException {
                forced.add(folder);
                super.forceFolder(folder);
            }
        };

        files.write("crm", "accounts", schema, List.<Object[]>of(new Object[] {1L}));
        Path data = root.resolve("crm/accounts/data");
        assertThat(forced)
                .as("the new folders, the storage folder holding them, then the data folder again at the rename")
                .containsExactlyInAnyOrder(data, data.getParent(), root.resolve("crm"), root, data);

        forced.clear();
        files.write("health", "vitals", schema, List.<Object[]>of(new Object[] {1L}));
        Path vitals = root.resolve("health/vitals/data");
        assertThat(forced)
                .as("an existing namespace: only the new folders and the namespace folder holding them")
                .containsExactlyInAnyOrder(vitals, vitals.getParent(), root.resolve("health"), vitals);

        forced.clear();
        files.write("health", "vitals", "deletes", schema, List.<Object[]>of(new Object[] {1L}));
        Path deletes = root.resolve("health/vitals/deletes");
        assertThat(forced).containsExactlyInAnyOrder(deletes, vitals.getParent(), deletes);
    }

    @Test
    void statisticsCountNullsOfEveryColumnAndGiveMinAndMaxOfOrderedOnes() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), true),
                new Column("label", ColumnType.of(ColumnType.Kind.STRING), true)));
        List<Object[]> rows = List.of(
                new Object[] {7L, "\uFFFD"}, new Object[] {-3L, null}, new Object[] {null, "z"}, new Object[] {12L, "a"
                });

        StagedSegment segment = new SegmentFiles(root).write("health", "labels", schema, rows);

        assertThat(segment.columnStatisticsJson())
                .isEqualTo("{\"id\":{\"type\":\"int64\",\"nullCount\":1,\"min\":\"-3\",\"max\":\"12\"},"
                        + "\"label\":{\"type\":\"string\",\"nullCount\":1}}");
    }

    @Test
    void columnsGatheredByPositionGiveTheBytesAndStatisticsOfTheSameRowsAddedOneByOne() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("score", ColumnType.of(ColumnType.Kind.FLOAT64), true),
                new Column("label", ColumnType.of(ColumnType.Kind.STRING), true)));
        SegmentFiles files = new SegmentFiles(root);
        java.util.Random random = new java.util.Random(5);
        int size = 3000;
        Object[][] columns = new Object[3][size];
        int[] positions = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            columns[0][i] = (long) random.nextInt(1_000_000) - 500_000;
            columns[1][i] =
                    random.nextInt(9) == 0 ? null : random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian();
            columns[2][i] = random.nextInt(7) == 0 ? null : "label " + random.nextInt(40);
            if (random.nextInt(3) != 0) {
                positions[count++] = i;
            }
        }
        StagedSegment byRow;
        StagedSegment gathered;
        try (SegmentFiles.Appender appender = files.open("shop", "scores", "data", schema)) {
            for (int i = 0; i < count; i++) {
                appender.add(
                        new Object[] {columns[0][positions[i]], columns[1][positions[i]], columns[2][positions[i]]});
            }
            byRow = appender.finish();
        }
        try (SegmentFiles.Appender appender = files.open("shop", "scores", "data", schema)) {
            // Two batches, the first one's values taken as they are, the second one's normalized.
            appender.addColumns(columns, positions, 0, count / 2, new boolean[] {true, true, true});
            appender.addColumns(columns, positions, count / 2, count - count / 2, new boolean[3]);
            gathered = appender.finish();
        }
        assertThat(gathered.rowCount()).isEqualTo(byRow.rowCount()).isEqualTo(count);
        assertThat(gathered.sha256()).isEqualTo(byRow.sha256());
        assertThat(gathered.columnStatisticsJson()).isEqualTo(byRow.columnStatisticsJson());
    }

    @Test
    void anAppenderEncodingAheadWritesTheSameBytesAsOneEncodingAtFinish() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("amount", ColumnType.decimal(12, 2), true)));
        SegmentFiles files = new SegmentFiles(root);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            StagedSegment atFinish;
            StagedSegment ahead;
            // Three row groups of the appender's 65,536 rows, the last one partial.
            try (SegmentFiles.Appender appender = files.open("bench", "accounts", "data", schema)) {
                fill(appender, 150_000, 2);
                atFinish = appender.finish();
            }
            try (SegmentFiles.Appender appender = files.open("bench", "accounts", "data", schema, pool)) {
                fill(appender, 150_000, 2);
                ahead = appender.finish();
            }
            assertThat(ahead.sha256()).isEqualTo(atFinish.sha256());
            assertThat(Files.readAllBytes(files.resolve(ahead.path())))
                    .isEqualTo(Files.readAllBytes(files.resolve(atFinish.path())));
            assertThat(ahead.columnStatisticsJson()).isEqualTo(atFinish.columnStatisticsJson());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnfinishedAppenderEncodingAheadLeavesNoFile() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // One full row group handed to the encoder, then the appender is closed without finishing.
            try (SegmentFiles.Appender appender =
                    new SegmentFiles(root).open("bench", "accounts", "data", schema, pool)) {
                fill(appender, 70_000, 1);
            }
            try (Stream<Path> files = Files.walk(root)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rows of the schema's first columns: an id, then (if there is one) a random amount. */
    private static void fill(SegmentFiles.Appender appender, int rows, int columns) {
        java.util.Random random = new java.util.Random(5);
        for (long id = 0; id < rows; id++) {
            appender.add(
                    columns == 1
                            ? new Object[] {id}
                            : new Object[] {id, java.math.BigDecimal.valueOf(random.nextInt(10_000_000), 2)});
        }
    }
}
