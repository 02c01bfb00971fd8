package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
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
     * Three segments of 100 rows in row groups of 50: a segment is decoded only when its row groups fit in what is
     * left, so a budget of 150 decodes the first and refuses the second before decoding it; 300 reads all; 0
     * decodes nothing.
     */
    @ParameterizedTest(name = "budget {0}: {1} rows decoded, {2}")
    @CsvSource({"150, 100, BUDGET_SPENT", "200, 200, BUDGET_SPENT", "300, 300, ALL_READ", "0, 0, BUDGET_SPENT"})
    void decodesASegmentOnlyWhenItsRowGroupsFitInTheBudgetLeft(long budget, long decoded, AssetRows.ScanEnd end)
            throws Exception {
        AssetRows rows = onSegments(3);
        List<Long> told = new ArrayList<>();
        List<Object[]> handed = new ArrayList<>();

        assertThat(rows.scanWhile(
                        asset, List.of("n"), List.of(), new AssetRows.DecodeBudget(budget, told::add), handed::add))
                .isEqualTo(end);
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isEqualTo(decoded);
        assertThat(handed).hasSize((int) decoded);
    }

    /** n >= 250 rules out both first segments and the first row group of the third: 50 rows fit a budget of 50. */
    @ParameterizedTest(name = "budget {0}: {1}")
    @CsvSource({"50, ALL_READ", "49, BUDGET_SPENT", "0, BUDGET_SPENT"})
    void countsOnlyTheRowGroupsTheConditionsDoNotRuleOut(long budget, AssetRows.ScanEnd end) throws Exception {
        AssetRows rows = onSegments(3);
        List<Long> told = new ArrayList<>();
        List<Object[]> handed = new ArrayList<>();

        assertThat(rows.scanWhile(
                        asset,
                        List.of("n"),
                        List.of(new RowPredicate("n", RowPredicate.Operator.GE, List.of("250"))),
                        new AssetRows.DecodeBudget(budget, told::add),
                        handed::add))
                .isEqualTo(end);
        long decoded = end == AssetRows.ScanEnd.ALL_READ ? 50 : 0;
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

    /**
     * health.patients keyed by user_id: P-1 and P-2 stored, then P-1 upserted (data sequence 2), then P-2 deleted
     * (a delete segment, sequence 3). A scan hands on the current rows only, as the rows query returns them.
     */
    @ParameterizedTest(name = "columns {0}")
    @CsvSource({"'user_id,zip', 'P-1,99999'", "'zip', '99999'", "'zip,user_id', '99999,P-1'"})
    void handsOnOnlyTheCurrentVersionOfEachKey(String columns, String expected) throws Exception {
        AssetRows rows = patientsUpsertedAndDeleted();
        List<String> read = new ArrayList<>();

        long count = rows.scan(asset, List.of(columns.split(",")), List.of(), row -> read.add(joined(row)));

        assertThat(read).containsExactly(expected);
        assertThat(count).isEqualTo(1);
    }

    /** An expiry committing while an adapter scans (a research extract, a CRM analysis) keeps the files it reads. */
    @Test
    void aScanHoldsItsAssetAgainstExpiryUntilItEnds() throws Exception {
        AssetRows rows = patientsUpsertedAndDeleted();
        List<Integer> heldWhileScanning = new ArrayList<>();

        rows.scan(asset, List.of("user_id"), List.of(), row -> heldWhileScanning.add(rows.reads.size()));

        assertThat(heldWhileScanning).containsExactly(1);
        assertThat(rows.reads.size()).as("let go when the scan ended").isZero();
    }

    /** A condition on a column that is not the key still sees current rows only: the old zip of P-1 is gone. */
    @ParameterizedTest(name = "zip {0}")
    @CsvSource({"02139, 0", "02141, 0", "99999, 1"})
    void appliesConditionsToCurrentRowsOnly(String zip, int expected) throws Exception {
        AssetRows rows = patientsUpsertedAndDeleted();
        List<Object[]> read = new ArrayList<>();

        rows.scan(
                asset,
                List.of("user_id"),
                List.of(new RowPredicate("zip", RowPredicate.Operator.EQ, List.of(zip))),
                read::add);

        assertThat(read).hasSize(expected);
    }

    /** A delete segment's keys are neither rows nor decoded work: the budget counts the data segments' rows only. */
    @ParameterizedTest(name = "budget {0}: {1}")
    @CsvSource({"3, ALL_READ", "2, BUDGET_SPENT"})
    void countsTheDataSegmentsRowsOnlyAgainstTheBudget(long budget, AssetRows.ScanEnd end) throws Exception {
        AssetRows rows = patientsUpsertedAndDeleted();
        List<Long> told = new ArrayList<>();

        assertThat(rows.scanWhile(
                        asset,
                        List.of("user_id"),
                        List.of(),
                        new AssetRows.DecodeBudget(budget, told::add),
                        row -> true))
                .isEqualTo(end);
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isEqualTo(end == AssetRows.ScanEnd.ALL_READ ? 3 : 2);
    }

    /** deleteAsset deletes the asset's files once it has committed, whatever scans of it are under way. */
    @Test
    void aScanWhoseSegmentFilesADeleteAssetRemovedIsRefusedAsAnUnknownAssetNamingIt() throws Exception {
        AssetRows rows = onSegments(2);
        deletedWithItsFiles(rows);

        assertThatThrownBy(() -> rows.scan(asset, List.of("n"), List.of(), row -> {}))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessage("No asset t.numbers (id " + asset.getId() + "): it was deleted while it was read");
    }

    /** Its segment rows go with the asset: a scan that loaded the asset before the deletion finds none after it. */
    @Test
    void aScanThatFindsTheSegmentRowsOfItsSnapshotGoneIsRefusedAsAnUnknownAssetNotAnsweredWithNoRows()
            throws Exception {
        AssetRows rows = onSegments(2);
        deletedWithItsFiles(rows);
        rows.segments = (SegmentRepository) Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> List.of());
        List<Object[]> handed = new ArrayList<>();

        assertThatThrownBy(() -> rows.scan(asset, List.of("n"), List.of(), handed::add))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining(asset.getId().toString());
        assertThat(handed).isEmpty();
    }

    @Test
    void aSegmentFileMissingOfAnAssetThatStillExistsIsNotTakenForADeletion() throws Exception {
        AssetRows rows = onSegments(1);
        try (var files = Files.list(storage)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        assertThatThrownBy(() -> rows.scan(asset, List.of("n"), List.of(), row -> {}))
                .isInstanceOf(UncheckedIOException.class);
    }

    /** What a committed deleteAsset leaves: no catalog row, and (after its commit) no segment files. */
    private void deletedWithItsFiles(AssetRows rows) throws Exception {
        rows.catalog = new InMemoryAssetService().repository;
        try (var files = Files.list(storage)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private AssetRows patientsUpsertedAndDeleted() throws Exception {
        asset = new InMemoryAssetService()
                .create(new NewAsset(
                        "health",
                        "patients",
                        null,
                        AssetType.STRUCTURED,
                        Classification.RESTRICTED,
                        List.of(
                                AdapterAssets.col("user_id", "string", false, true, PiiCategory.NONE),
                                AdapterAssets.col("zip", "string", true, false, PiiCategory.QUASI_IDENTIFIER)),
                        List.of()));
        return StoredSegments.stored(
                asset,
                storage,
                50,
                List.of(
                        StoredSegments.Stored.data(1, new Object[] {"P-1", "02139"}, new Object[] {"P-2", "02141"}),
                        StoredSegments.Stored.data(2, new Object[] {"P-1", "99999"}),
                        StoredSegments.Stored.deletes(3, new Object[] {"P-2"})));
    }

    private static String joined(Object[] row) {
        List<String> values = new ArrayList<>();
        for (Object value : row) {
            values.add(String.valueOf(value));
        }
        return String.join(",", values);
    }

    private DataAsset asset;

    /** An asset of {@code count} live segments of 100 rows (column n: 0, 1, ...) in row groups of 50. */
    private AssetRows onSegments(int count) throws Exception {
        asset = new InMemoryAssetService()
                .create(new NewAsset(
                        "t",
                        "numbers",
                        null,
                        AssetType.STRUCTURED,
                        Classification.INTERNAL,
                        List.of(AdapterAssets.col("n", "int64", false, false, PiiCategory.NONE)),
                        List.of()));
        List<List<Object[]>> segments = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < 100; r++) {
                rows.add(new Object[] {(long) (100 * s + r)});
            }
            segments.add(rows);
        }
        return StoredSegments.of(asset, storage, 50, segments);
    }
}
