package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction over a base segment of several row groups, an upsert and a delete segment: the output holds exactly
 * the current rows, the changed rows first, and its file is the one a plain append of those rows in that order
 * writes (the gathered path changes no byte).
 */
class CompactorTest {
    private static final UUID ASSET = UUID.randomUUID();

    @TempDir
    Path root;

    @Test
    void compactionWritesTheCurrentRowsChangedFirstAsAPlainAppendOfThemWould() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("owner", ColumnType.of(ColumnType.Kind.STRING), true),
                new Column("amount", ColumnType.decimal(12, 2), true),
                new Column("updated", ColumnType.of(ColumnType.Kind.INT64), true)));
        List<Column> key = List.of(schema.column(0));
        SegmentFiles files = new SegmentFiles(root);
        Random random = new Random(3);
        int size = 140_000;
        Map<Long, Object[]> expected = new LinkedHashMap<>();
        List<Object[]> base = new ArrayList<>();
        for (long id = 0; id < size; id++) {
            Object[] row = row(random, id, 0);
            base.add(row);
            expected.put(id, row);
        }
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < size; id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, random);
        List<Object[]> updates = new ArrayList<>();
        for (Long id : ids.subList(0, 5_000)) {
            updates.add(row(random, id, 1));
        }
        List<Object[]> deletes = new ArrayList<>();
        for (Long id : ids.subList(5_000, 7_000)) {
            deletes.add(new Object[] {id});
            expected.remove(id);
        }
        // The changed rows first, then the base rows still current, in their order.
        List<Object[]> changedFirst = new ArrayList<>(updates);
        updates.forEach(u -> expected.remove((Long) u[0]));
        changedFirst.addAll(expected.values());

        List<WebmSegment> live = List.of(
                segment(files.write("shop", "accounts", schema, base), SegmentKind.DATA, 1),
                segment(files.write("shop", "accounts", schema, updates), SegmentKind.DATA, 2),
                segment(files.write("shop", "accounts", "deletes", new Schema(key), deletes), SegmentKind.DELETES, 3));

        List<StagedSegment> compacted =
                new Compactor(files).rewrite("shop", "accounts", schema, live, key, 1_048_576, SortOrder.none());

        assertThat(compacted).hasSize(1);
        StagedSegment plain = files.write("shop", "accounts", schema, changedFirst);
        assertThat(compacted.get(0).rowCount()).isEqualTo(size - 2_000);
        assertThat(compacted.get(0).sha256()).isEqualTo(plain.sha256());
        assertThat(Files.readAllBytes(files.resolve(compacted.get(0).path())))
                .isEqualTo(Files.readAllBytes(files.resolve(plain.path())));
        assertThat(compacted.get(0).columnStatisticsJson()).isEqualTo(plain.columnStatisticsJson());
    }

    @Test
    void changeSegmentsComeFirstEachGroupInItsOrder() {
        WebmSegment base1 = segment(SegmentKind.DATA, 4);
        WebmSegment base2 = segment(SegmentKind.DATA, 4);
        WebmSegment upsert1 = segment(SegmentKind.DATA, 5);
        WebmSegment delete = segment(SegmentKind.DELETES, 6);
        WebmSegment upsert2 = segment(SegmentKind.DATA, 7);

        assertThat(Compactor.changesFirst(List.of(base1, upsert1, base2, delete, upsert2)))
                .containsExactly(upsert1, delete, upsert2, base1, base2);
    }

    private static Object[] row(Random random, long id, long version) {
        return new Object[] {id, "owner " + (id % 97), BigDecimal.valueOf(random.nextInt(10_000_000), 2), version};
    }

    private static WebmSegment segment(StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(ASSET, UUID.randomUUID(), kind, sequence);
    }

    private static WebmSegment segment(SegmentKind kind, long sequence) {
        return new WebmSegment(ASSET, UUID.randomUUID(), "x.webm", kind, 1, 1, "0".repeat(64), "{}", sequence);
    }
}
