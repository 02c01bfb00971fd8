package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import org.junit.jupiter.api.Test;

/**
 * Numeric typmods as PostgreSQL 15+ stores them: {@code ((precision << 16) | (scale & 0x7ff)) + 4}
 * (the embedded PostgreSQL of the tests is 14, which refuses the negative and large scales).
 */
class NumericTypmodTest {

    private static int typmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7ff)) + 4;
    }

    @Test
    void decodesAPlainPrecisionAndScale() {
        assertThat(NumericTypmod.precision(typmod(12, 2))).isEqualTo(12);
        assertThat(NumericTypmod.scale(typmod(12, 2))).isEqualTo(2);
    }

    @Test
    void decodesANegativeScale() {
        assertThat(NumericTypmod.precision(typmod(5, -2))).isEqualTo(5);
        assertThat(NumericTypmod.scale(typmod(5, -2))).isEqualTo(-2);
        assertThat(NumericTypmod.scale(typmod(1000, -1000))).isEqualTo(-1000);
    }

    @Test
    void decodesAScaleAboveThePrecision() {
        assertThat(NumericTypmod.precision(typmod(3, 5))).isEqualTo(3);
        assertThat(NumericTypmod.scale(typmod(3, 5))).isEqualTo(5);
        assertThat(NumericTypmod.scale(typmod(1000, 1000))).isEqualTo(1000);
    }

    @Test
    void anUnconstrainedNumericHasNeitherPrecisionNorScale() {
        assertThat(NumericTypmod.precision(-1)).isZero();
        assertThat(NumericTypmod.scale(-1)).isZero();
    }

    @Test
    void numericsWithANegativeScaleOrAScaleAboveThePrecisionAreReadAsText() {
        SourceColumn negative = new SourceColumn(
                "n", "numeric", NumericTypmod.precision(typmod(5, -2)), NumericTypmod.scale(typmod(5, -2)), true, "");
        SourceColumn small = new SourceColumn(
                "s", "numeric", NumericTypmod.precision(typmod(3, 5)), NumericTypmod.scale(typmod(3, 5)), true, "");

        assertThat(negative.assetType()).isEqualTo(ColumnType.of(Kind.STRING));
        assertThat(small.assetType()).isEqualTo(ColumnType.of(Kind.STRING));
        assertThat(negative.selectExpression()).isEqualTo("\"n\"::text");
    }

    @Test
    void numericsUpTo18DigitsWithAScaleInsideThePrecisionStayDecimal() {
        SourceColumn amount = new SourceColumn("a", "numeric", 18, 18, true, "numeric(18,18)");

        assertThat(amount.assetType()).isEqualTo(ColumnType.decimal(18, 18));
    }
}
