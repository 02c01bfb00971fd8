package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyVersionsTest {

    @Test
    void answersLikeTwoMapsOfTheNewestSequenceThroughGrowthAndCollidingKeys() {
        LongKeyVersions versions = new LongKeyVersions();
        Map<Long, Long> data = new HashMap<>();
        Map<Long, Long> deletes = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            // Keys that share low bits, negative keys and zero: probing and growth must keep them apart.
            long key = (random.nextInt(20_000) - 10_000) * 65_536L;
            long sequence = 1 + random.nextInt(40);
            boolean delete = random.nextInt(3) == 0;
            versions.put(key, sequence);
            (delete ? deletes : data).merge(key, sequence, Math::max);
        }
        assertThat(versions.size()).isEqualTo(unionSize(data, deletes));
        for (long k = -10_001; k <= 10_001; k++) {
            long key = k * 65_536L;
            for (long sequence = 0; sequence <= 41; sequence += 7) {
                boolean expected = data.getOrDefault(key, Long.MIN_VALUE) <= sequence
                        && deletes.getOrDefault(key, Long.MIN_VALUE) <= sequence;
                assertThat(versions.current(key, sequence))
                        .as("key %d at sequence %d", key, sequence)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theExtremeKeysAreKeysLikeAnyOtherAndASequenceBelowEveryDataSequenceIsRefused() {
        LongKeyVersions versions = new LongKeyVersions();
        versions.put(Long.MIN_VALUE, 3);
        versions.put(Long.MAX_VALUE, 5);
        versions.put(0, 1);

        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.current(Long.MIN_VALUE, 2)).isFalse();
        assertThat(versions.current(Long.MIN_VALUE, 3)).isTrue();
        assertThat(versions.current(Long.MAX_VALUE, 4)).isFalse();
        assertThat(versions.current(1, 0)).isTrue();
        assertThatThrownBy(() -> versions.put(7, Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence " + Long.MIN_VALUE + " is below every data sequence");
    }

    private static int unionSize(Map<Long, Long> a, Map<Long, Long> b) {
        Map<Long, Boolean> union = new HashMap<>();
        a.keySet().forEach(k -> union.put(k, true));
        b.keySet().forEach(k -> union.put(k, true));
        return union.size();
    }
}
