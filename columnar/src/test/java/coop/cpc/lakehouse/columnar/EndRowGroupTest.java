package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer cut short ({@link SegmentWriter#endRowGroup}) starts a new row group at once: the file holds row
 * groups of the sizes cut, each with its own statistics, and reads back the same rows, encoded at close or ahead.
 */
class EndRowGroupTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("category", ColumnType.of(ColumnType.Kind.STRING), true)));

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rowGroupsEndWhereTheyAreCutAndAtTheirSize(boolean ahead) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Object[]> rows = new ArrayList<>();
        WebmColumnar.WriteBuilder builder =
                WebmColumnar.write(out).schema(SCHEMA).rowGroupSize(8);
        if (ahead) {
            builder.encodeAhead(pool, 2);
        }
        try (SegmentWriter writer = builder.build()) {
            add(writer, rows, 3, "a");
            writer.endRowGroup();
            writer.endRowGroup(); // nothing pending: no empty row group
            add(writer, rows, 12, "b"); // 8 fill a row group, 4 stay pending
            writer.endRowGroup();
            add(writer, rows, 2, "c");
        }

        WebmColumnar.ReadBuilder read = WebmColumnar.read(out.toByteArray());
        assertThat(read.rowGroups()).extracting(RowGroupInfo::rows).containsExactly(3, 8, 4, 2);
        assertThat(read.rows())
                .extracting(r -> r[0])
                .containsExactlyElementsOf(rows.stream().map(r -> r[0]).toList());
        assertThat(WebmColumnar.read(out.toByteArray())
                        .filterIn("category", "a")
                        .rows())
                .hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWrittenSegmentTakesNoMoreCuts(boolean ahead) throws IOException {
        WebmColumnar.WriteBuilder builder =
                WebmColumnar.write(new ByteArrayOutputStream()).schema(SCHEMA).rowGroupSize(8);
        if (ahead) {
            builder.encodeAhead(pool, 2);
        }
        SegmentWriter writer = builder.build();
        writer.add(1L, "a");
        writer.close();
        assertThatThrownBy(writer::endRowGroup).isInstanceOf(IllegalStateException.class);
    }

    private static void add(SegmentWriter writer, List<Object[]> rows, int count, String category) {
        for (int i = 0; i < count; i++) {
            Object[] row = {(long) rows.size(), category};
            rows.add(row);
            writer.add(row);
        }
    }
}
