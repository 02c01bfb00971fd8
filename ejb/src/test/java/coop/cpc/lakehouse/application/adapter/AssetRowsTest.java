package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssetRowsTest {
    /** An asset of {@code held} rows, each its own number. */
    private static AssetRows holding(long held) {
        return new AssetRows() {
            @Override
            public long scan(DataAsset asset, List<String> columns, List<RowPredicate> where, Consumer<Object[]> rows) {
                for (long i = 0; i < held; i++) {
                    rows.accept(new Object[] {i});
                }
                return held;
            }
        };
    }

    /** Up to the limit every row is handed on; past it, the first {@code limit} rows and then false. */
    @ParameterizedTest(name = "{0} rows, limit 3: all read {1}")
    @CsvSource({"2, true", "3, true", "4, false", "50, false"})
    void handsOnAtMostTheLimitAndSaysWhetherTheAssetHeldMore(long held, boolean all) throws Exception {
        List<Object[]> rows = new ArrayList<>();

        assertThat(holding(held).scanAtMost(null, List.of("n"), List.of(), 3, rows::add))
                .isEqualTo(all);
        assertThat(rows)
                .extracting(r -> r[0])
                .containsExactlyElementsOf(
                        LongStream.range(0, Math.min(held, 3)).boxed().toList());
    }

    @TempDir
    Path storage;

    /**
     * Three segments of 100 rows: a budget of 150 decodes two (the second reaches it) and leaves the third;
     * 300 reads all; 0 decodes nothing.
     */
    @ParameterizedTest(name = "budget {0}: {1} rows decoded, {2}")
    @CsvSource({"150, 200, BUDGET_SPENT", "300, 300, ALL_READ", "0, 0, BUDGET_SPENT"})
    void decodesASegmentOnlyWhileTheBudgetLasts(long budget, long decoded, AssetRows.ScanEnd end) throws Exception {
        AssetRows rows = onSegments(3);
        List<Long> told = new ArrayList<>();
        List<Object[]> handed = new ArrayList<>();

        assertThat(rows.scanWhile(
                        asset, List.of("n"), List.of(), new AssetRows.DecodeBudget(budget, told::add), handed::add))
                .isEqualTo(end);
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isEqualTo(decoded);
        assertThat(handed).hasSize((int) decoded);
    }

    @ParameterizedTest(name = "stopped at row {0}")
    @CsvSource({"0", "150"})
    void stopsWhenTheConsumerSaysSo(int stopAt) throws Exception {
        AssetRows rows = onSegments(3);
        List<Object[]> handed = new ArrayList<>();

        assertThat(rows.scanWhile(asset, List.of("n"), List.of(), AssetRows.DecodeBudget.UNBOUNDED, row -> {
                    if (handed.size() == stopAt) {
                        return false;
                    }
                    return handed.add(row);
                }))
                .isEqualTo(AssetRows.ScanEnd.STOPPED);
        assertThat(handed).hasSize(stopAt);
    }

    private DataAsset asset;

    /** An asset of {@code count} live segments of 100 rows (column n: 0, 1, ...) in the storage folder. */
    private AssetRows onSegments(int count) throws Exception {
        InMemoryAssetService catalog = new InMemoryAssetService();
        asset = catalog.create(new NewAsset(
                "t",
                "numbers",
                null,
                AssetType.STRUCTURED,
                Classification.INTERNAL,
                List.of(AdapterAssets.col("n", "int64", false, false, PiiCategory.NONE)),
                List.of()));
        UUID snapshot = UUID.randomUUID();
        asset.commitSnapshot(snapshot, 100L * count, 0);
        Column n = new Column("n", ColumnType.of(ColumnType.Kind.INT64), false);
        List<WebmSegment> live = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            String name = "segment-" + s + ".webm";
            try (OutputStream out = Files.newOutputStream(storage.resolve(name));
                    SegmentWriter writer = WebmColumnar.write(out)
                            .schema(new Schema(List.of(n)))
                            .rowGroupSize(50)
                            .build()) {
                for (int r = 0; r < 100; r++) {
                    writer.add((long) (100 * s + r));
                }
            }
            live.add(new WebmSegment(asset.getId(), snapshot, name, SegmentKind.DATA, 100, 1, "0".repeat(64), "{}", 1));
        }
        AssetRows rows = new AssetRows();
        rows.files = new SegmentFiles(storage);
        rows.segments = (SegmentRepository) Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findLiveAt")) {
                        return live;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return rows;
    }
}
