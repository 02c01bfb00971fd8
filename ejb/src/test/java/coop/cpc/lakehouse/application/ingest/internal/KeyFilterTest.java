package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyFilterTest {

    @Test
    void aKeyAddedIsAlwaysMaybeSeen() {
        KeyFilter filter = KeyFilter.forKeys(100_000);
        for (long k = 0; k < 50_000; k++) {
            filter.add(k * 7919);
            filter.add("1:" + k);
        }

        for (long k = 0; k < 50_000; k++) {
            assertThat(filter.mightContain(k * 7919)).isTrue();
            assertThat(filter.mightContain("1:" + k)).isTrue();
        }
    }

    @Test
    void keysNeverAddedAreAlmostNeverMaybeSeen() {
        KeyFilter filter = KeyFilter.forKeys(200_000);
        for (long k = 0; k < 100_000; k++) {
            filter.add(k);
            filter.add("36:" + k);
        }
        int falsePositives = 0;
        for (long k = 100_000; k < 1_100_000; k++) {
            if (filter.mightContain(k) || filter.mightContain("36:" + k)) {
                falsePositives++;
            }
        }

        // 32 bits per key and 12 probes: about one in a million; 20 in two million probes would be far off.
        assertThat(falsePositives).isLessThan(20);
    }

    @Test
    void aClearedFilterHasSeenNothing() {
        KeyFilter filter = KeyFilter.forKeys(10);
        filter.add(42L);
        filter.add("2:ab");

        filter.clear();

        assertThat(filter.mightContain(42L)).isFalse();
        assertThat(filter.mightContain("2:ab")).isFalse();
    }

    @Test
    void itsSizeIsBoundedWhateverTheKeyCount() {
        assertThat(KeyFilter.forKeys(0).bytes()).isEqualTo(8 * 1024);
        assertThat(KeyFilter.forKeys(1_000_000).bytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(KeyFilter.forKeys(Long.MAX_VALUE).bytes()).isEqualTo(KeyFilter.MAX_BYTES);
    }
}
