package coop.cpc.lakehouse.columnar.encoding.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.Transform;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteLayoutTest {
    @Test
    void roundTripsBothLayouts() {
        Random r = new Random(77);
        for (int round = 0; round < 300; round++) {
            byte[][] values = new byte[r.nextInt(20)][];
            for (int i = 0; i < values.length; i++) {
                values[i] = new byte[r.nextInt(9)];
                r.nextBytes(values[i]);
            }
            for (boolean byPosition : new boolean[] {false, true}) {
                byte[][] back =
                        ByteLayout.values(ByteLayout.lengths(values), ByteLayout.bytes(values, byPosition), byPosition);
                assertThat(back).isDeepEqualTo(values);
            }
        }
    }

    @Test
    void writesPositionByPosition() {
        byte[][] values = {{1, 2, 3}, {4}, {5, 6}};
        // Position 0 of each value, then position 1 of those that have one, then position 2.
        assertThat(ByteLayout.bytes(values, true)).containsExactly(1, 4, 5, 2, 6, 3);
        assertThat(ByteLayout.bytes(values, false)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void refusesLengthsThatDoNotAddUp() {
        assertThat(ByteLayout.values(new long[] {2}, new long[] {1, 2, 3}, false))
                .isNull();
        assertThat(ByteLayout.values(new long[] {1}, new long[] {256}, true)).isNull();
        assertThat(ByteLayout.values(new long[] {-1}, new long[] {}, false)).isNull();
    }

    @Test
    void costsEveryTransformAsTheLaidOutBytesWouldCost() {
        Random r = new Random(2016);
        for (int round = 0; round < 400; round++) {
            byte[][] values = new byte[r.nextInt(30)][];
            int alphabet = 1 + r.nextInt(256);
            for (int i = 0; i < values.length; i++) {
                values[i] = new byte[r.nextInt(round % 4 == 0 ? 3 : 40)];
                for (int j = 0; j < values[i].length; j++) {
                    // Extremes too: differences of -255 and 255, second differences of -510 and 510.
                    values[i][j] = (byte) (r.nextInt(8) == 0 ? (r.nextBoolean() ? 0 : 255) : r.nextInt(alphabet));
                }
            }
            for (boolean byPosition : new boolean[] {false, true}) {
                long[] laid = ByteLayout.bytes(values, byPosition);
                long[] costs = ByteLayout.costs(values, byPosition);
                for (Transform t : Transform.values()) {
                    assertThat(costs[t.ordinal()])
                            .as("%s, %d values, position-major %s", t, values.length, byPosition)
                            .isEqualTo(t.apply(laid).cost());
                }
                assertThat(Transform.cheapestOf(costs))
                        .isEqualTo(Transform.cheapest(laid).transform());
            }
        }
    }
}
