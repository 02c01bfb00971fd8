package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFilesTest {

    @TempDir
    Path root;

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
    void statisticsCountNullsOfEveryColumnAndGiveMinAndMaxOfOrderedOnes() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), true),
                new Column("label", ColumnType.of(ColumnType.Kind.STRING), true)));
        List<Object[]> rows = List.of(
                new Object[] {7L, "\uFFFD"}, new Object[] {-3L, null}, new Object[] {null, "z"}, new Object[] {12L, "a"
                });

        StagedSegment segment = new SegmentFiles(root).write("health", "labels", schema, rows);

        assertThat(segment.columnStatisticsJson())
                .isEqualTo("{\"id\":{\"nullCount\":1,\"min\":\"-3\",\"max\":\"12\"},\"label\":{\"nullCount\":1}}");
    }
}
