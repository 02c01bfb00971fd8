package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowKeyTest {
    private static Object key(ColumnType.Kind kind, Object value) {
        return RowKey.of(List.of(new Column("k", ColumnType.of(kind), false)), new Object[] {value}, new int[] {0});
    }

    @Test
    void negativeZeroAndZeroAreOneKey() {
        assertThat(key(ColumnType.Kind.FLOAT64, -0.0)).isEqualTo(key(ColumnType.Kind.FLOAT64, 0.0));
        assertThat(key(ColumnType.Kind.FLOAT32, -0.0f)).isEqualTo(key(ColumnType.Kind.FLOAT32, 0.0f));
        assertThat(key(ColumnType.Kind.FLOAT64, Double.longBitsToDouble(0x7ff8000000000001L)))
                .isEqualTo(key(ColumnType.Kind.FLOAT64, Double.NaN));
        assertThat(key(ColumnType.Kind.FLOAT64, 1.0)).isNotEqualTo(key(ColumnType.Kind.FLOAT64, 0.0));
    }
}
