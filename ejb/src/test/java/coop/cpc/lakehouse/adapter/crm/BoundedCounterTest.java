package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedCounterTest {

    @Test
    void countsNewKeysAsOverflowOnceTheKeysHoldTheirCharacterBound() {
        BoundedCounter<String> counter = new BoundedCounter<>(100, 10, String::length, Comparator.naturalOrder());
        counter.add("abcd", 1);
        counter.add("efghij", 2);
        counter.add("k", 3); // 11 characters: over the bound
        counter.add("abcd", 4); // a known key still counts by name

        assertThat(counter.top(10)).containsExactly(Map.entry("abcd", 5L), Map.entry("efghij", 2L));
        assertThat(counter.overflow()).isEqualTo(3);
    }

    @Test
    void countsNewKeysAsOverflowPastTheKeyBound() {
        BoundedCounter<String> counter = new BoundedCounter<>(2, 1_000, String::length, Comparator.naturalOrder());
        counter.add("b", 1);
        counter.add("a", 1);
        counter.add("c", 7);

        assertThat(counter.top(10)).containsExactly(Map.entry("a", 1L), Map.entry("b", 1L));
        assertThat(counter.overflow()).isEqualTo(7);
    }
}
