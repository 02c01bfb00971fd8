package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

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

    @Test
    void handsOnEveryRowOfAnAssetOfExactlyTheLimit() throws Exception {
        List<Object[]> rows = new ArrayList<>();

        assertThat(holding(3).scanAtMost(null, List.of("n"), List.of(), 3, rows::add))
                .isTrue();
        assertThat(rows).extracting(r -> r[0]).containsExactly(0L, 1L, 2L);
    }

    @Test
    void stopsAtTheRowPastTheLimitAfterHandingOnTheFirstLimitRows() throws Exception {
        List<Object[]> rows = new ArrayList<>();

        assertThat(holding(5).scanAtMost(null, List.of("n"), List.of(), 3, rows::add))
                .isFalse();
        assertThat(rows).extracting(r -> r[0]).containsExactly(0L, 1L, 2L);
    }
}
