package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedCommitGroupsTest {
    private static final Column ID = new Column("id", ColumnType.of(ColumnType.Kind.INT64), false);
    private static final Column CODE = new Column("code", ColumnType.of(ColumnType.Kind.STRING), false);
    private static final Column NAME = new Column("name", ColumnType.of(ColumnType.Kind.STRING), true);

    @TempDir
    Path root;

    private SegmentFiles storage;
    private final List<String> read = new ArrayList<>();

    @Test
    void filesThatRepeatNoKeyStayOneGroup() throws Exception {
        List<StagedSegmentFile> files = List.of(byCode("a", "b"), byCode("c"), byCode("d", "e"));

        assertThat(groups(files, CODE)).containsExactly(files);
    }

    @Test
    void aFileThatRepeatsAKeyOfAnEarlierFileStartsTheNextGroup() throws Exception {
        StagedSegmentFile first = byCode("P-1", "P-2");
        StagedSegmentFile second = byCode("P-3");
        StagedSegmentFile third = byCode("P-4", "P-1");
        StagedSegmentFile fourth = byCode("P-5", "P-2");
        StagedSegmentFile fifth = byCode("P-1");

        assertThat(groups(List.of(first, second, third, fourth, fifth), CODE))
                .containsExactly(List.of(first, second), List.of(third, fourth), List.of(fifth));
    }

    @Test
    void integerKeysWhoseRangesDoNotOverlapAreNotRead() throws Exception {
        List<StagedSegmentFile> files = List.of(byId(1, 2, 3), byId(4, 5), byId(6, 9));

        assertThat(groups(files, ID)).containsExactly(files);
        assertThat(read).as("the catalog's min/max tell them apart").isEmpty();
    }

    @Test
    void integerKeysWhoseRangesOverlapAreReadAndSplitOnlyAtARepeat() throws Exception {
        StagedSegmentFile first = byId(1, 5);
        StagedSegmentFile second = byId(6, 7);
        StagedSegmentFile third = byId(2, 3, 4);
        StagedSegmentFile fourth = byId(8, 3);

        assertThat(groups(List.of(first, second, third, fourth), ID))
                .containsExactly(List.of(first, second, third), List.of(fourth));
    }

    @Test
    void aFileItReadsThatHoldsAKeyTwiceIsRefusedWithoutNamingTheKey() throws Exception {
        StagedSegmentFile first = byCode("P-1");
        StagedSegmentFile twice = byCode("P-2", "P-2");

        assertThatThrownBy(() -> groups(List.of(first, twice), CODE))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("staged segment " + twice.getPath() + " holds a primary key (code) twice: it was not"
                        + " staged under this key; start the job anew to stage its rows again");
    }

    private List<List<StagedSegmentFile>> groups(List<StagedSegmentFile> files, Column key) throws Exception {
        return KeyedCommitGroups.of(files, List.of(key), path -> {
            read.add(path);
            return storage.resolve(path);
        });
    }

    private StagedSegmentFile byCode(String... codes) throws Exception {
        return staged(
                new Schema(List.of(CODE, NAME)),
                Arrays.stream(codes).map(c -> new Object[] {c, "n-" + c}).toList());
    }

    private StagedSegmentFile byId(long... ids) throws Exception {
        return staged(
                new Schema(List.of(ID, NAME)),
                Arrays.stream(ids).mapToObj(i -> new Object[] {i, "n-" + i}).toList());
    }

    private StagedSegmentFile staged(Schema schema, List<Object[]> rows) throws Exception {
        if (storage == null) {
            Files.createDirectories(root);
            storage = new SegmentFiles(root);
        }
        StagedSegment segment = storage.write("crm", "people", schema, rows);
        return new StagedSegmentFile(
                segment.path(),
                3,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "[]",
                segment.rowCount(),
                segment.byteSize(),
                segment.sha256(),
                segment.columnStatisticsJson(),
                "{}");
    }
}
