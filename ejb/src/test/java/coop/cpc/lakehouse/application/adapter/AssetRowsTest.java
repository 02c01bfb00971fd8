package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
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
}
