package coop.cpc.lakehouse.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransformTest {

    @ParameterizedTest
    @EnumSource(Transform.class)
    void invertsEveryStreamExactlyIncludingOverflow(Transform t) {
        Random r = new Random(t.wireId());
        for (int round = 0; round < 200; round++) {
            long[] v = extremesSmallAndRandom(r, r.nextInt(40));
            TransformedStream s = t.apply(v);
            assertThat(s.first()).hasSize(Math.min(v.length, t.order()));
            assertThat(s.residuals()).hasSize(v.length - s.first().length);
            assertThat(t.invert(s.first(), s.base(), s.residuals(), v.length)).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void invertingWorksInTheHandedOverResidualsAndOrderZeroReturnsThemWithoutACopy(Transform t) {
        // A reader hands over the residuals it has just decoded: a 65,536-row stream's copy would be 512 KB.
        long[] v =
                new Random(7 + t.wireId()).longs(65_536, -1_000_000, 1_000_000).toArray();
        TransformedStream s = t.apply(v);
        long[] residuals = s.residuals();
        long[] back = t.invert(s.first(), s.base(), residuals, v.length);
        assertThat(back).isEqualTo(v);
        if (t.order() == 0) {
            assertThat(back).isSameAs(residuals);
        } else {
            assertThat(back).isNotSameAs(residuals);
        }
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void computesTheCostOfTheResidualsItWouldWrite(Transform t) {
        Random r = new Random(40 + t.wireId());
        for (int round = 0; round < 100; round++) {
            long[] v = new long[r.nextInt(30)];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextBoolean() ? r.nextLong() : r.nextInt(1000);
            }
            assertThat(t.cost(v)).isEqualTo(t.apply(v).cost());
        }
    }

    @Test
    void costsAllSixTransformsAsTheirResidualsCostWhateverTheBlockOfSummedLeadingZeros() {
        Random r = new Random(52);
        for (int round = 0; round < 200; round++) {
            long[] v = extremesSmallAndRandom(r, r.nextInt(50));
            long[] expected = new long[Transform.values().length];
            for (Transform t : Transform.values()) {
                expected[t.ordinal()] = t.apply(v).cost();
            }
            for (int block : new int[] {1, 2, 3, 7, Transform.COST_BLOCK}) {
                assertThat(Transform.costs(v, block)).as("block %d", block).isEqualTo(expected);
            }
        }
    }

    @Test
    void turnsAConstantStepIntoZeroResiduals() {
        long[] ts =
                LongStream.range(0, 100).map(i -> 1_700_000_000_000L + 1000 * i).toArray();
        TransformedStream s = Transform.DELTA_FOR.apply(ts);
        assertThat(s.first()).containsExactly(1_700_000_000_000L);
        assertThat(s.base()).isEqualTo(1000);
        assertThat(s.residuals()).containsOnly(0L);
    }

    @Test
    void choosesTheCheapestTransformLowestIdOnTies() {
        // Constant: FOR gives all zeros at cost 1 each; DELTA2 keeps 2 first values and 98 zeros.
        assertThat(Transform.cheapest(new long[100]).transform()).isEqualTo(Transform.DELTA2_FOR);
        // A small random walk with rare big drops: FOR would shift every delta by the drop.
        Random r = new Random(9);
        long[] walk = new long[1000];
        for (int i = 1; i < walk.length; i++) {
            walk[i] = walk[i - 1] + r.nextInt(7) - 3 - (i % 100 == 0 ? 400 : 0);
        }
        assertThat(Transform.cheapest(walk).transform()).isEqualTo(Transform.DELTA_ZIGZAG);
    }

    @Test
    void zigZagMapsSmallMagnitudesToSmallNumbers() {
        assertThat(ZigZag.encode(0)).isZero();
        assertThat(ZigZag.encode(-1)).isEqualTo(1);
        assertThat(ZigZag.encode(1)).isEqualTo(2);
        assertThat(ZigZag.encode(Long.MIN_VALUE)).isEqualTo(-1L);
        assertThat(ZigZag.decode(-1L)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void keepsWireIdsStable() {
        assertThat(Transform.values()).extracting(Transform::wireId).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(Encoding.values()).extracting(Encoding::wireId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(Encoding.fromWireId(7)).isEqualTo(Encoding.RANS_DICTIONARY);
        assertThat(Encoding.fromWireId(3)).isEqualTo(Encoding.DICTIONARY);
        assertThat(Transform.fromWireId(6)).isNull();
    }

    /** {@code n} values, each the long's minimum, its maximum, a small number or any long (overflow cases). */
    private static long[] extremesSmallAndRandom(Random r, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (r.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> r.nextInt(100) - 50;
                default -> r.nextLong();
            };
        }
        return v;
    }
}
