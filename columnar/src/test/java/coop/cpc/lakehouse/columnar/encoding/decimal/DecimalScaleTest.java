package coop.cpc.lakehouse.columnar.encoding.decimal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalScaleTest {
    @Test
    void findsTheSmallestExactScale() {
        assertThat(DecimalScale.detect(new double[] {72.4, 80.0, 65.9}, false)).isEqualTo(1);
        assertThat(DecimalScale.detect(new double[] {12.34, 0.01, -5.5}, false)).isEqualTo(2);
        assertThat(DecimalScale.detect(new double[] {3, -7, 1e15}, false)).isZero();
        assertThat(DecimalScale.detect(new double[] {36.6f, 37.2f}, true)).isEqualTo(1);
        assertThat(DecimalScale.detect(new double[] {}, false)).isZero();
    }

    @Test
    void refusesValuesNoScaleRepresentsExactly() {
        assertThat(DecimalScale.detect(new double[] {0.1 + 0.2}, false)).isEqualTo(-1);
        assertThat(DecimalScale.detect(new double[] {Math.PI}, false)).isEqualTo(-1);
        assertThat(DecimalScale.detect(new double[] {-0.0}, false)).isEqualTo(-1);
        assertThat(DecimalScale.detect(new double[] {Double.NaN}, false)).isEqualTo(-1);
        assertThat(DecimalScale.detect(new double[] {Double.POSITIVE_INFINITY}, false))
                .isEqualTo(-1);
        assertThat(DecimalScale.detect(new double[] {1e300}, false)).isEqualTo(-1);
    }

    @Test
    void decodesToTheSameBits() {
        for (double v : new double[] {72.4, 0.3, -1234.5678, 99.99}) {
            int s = DecimalScale.detect(new double[] {v}, false);
            assertThat(Double.doubleToRawLongBits(DecimalScale.decode(DecimalScale.encode(v, s), s, false)))
                    .isEqualTo(Double.doubleToRawLongBits(v));
        }
    }
}
