package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreeTextScrubberTest {
    private final IdentifierValues ids = new IdentifierValues();

    FreeTextScrubberTest() {
        ids.add("Ann Lee");
        ids.add("P-1");
    }

    @Test
    void sharedCategoriesWithoutIdentifiersAreClean() {
        assertThat(FreeTextScrubber.whyNotClean(
                        List.of("bpm", "bpm", "mmHg", "mmHg"), List.of("a", "b", "a", "b"), ids, 2))
                .isEmpty();
    }

    @Test
    void aValueOnlyOneSubjectHasIsNotClean() {
        assertThat(FreeTextScrubber.whyNotClean(List.of("bpm", "bpm", "rare"), List.of("a", "b", "a"), ids, 2))
                .contains("a value is shared by fewer than 2 subjects");
    }

    @Test
    void identifierPatternsAndSourceValuesAreNotClean() {
        assertThat(FreeTextScrubber.whyNotClean(List.of("mail ann@example.org"), List.of("a"), ids, 1))
                .contains("a value holds a e-mail address");
        assertThat(FreeTextScrubber.whyNotClean(List.of("seen at http://x.org"), List.of("a"), ids, 1))
                .contains("a value holds a URL");
        assertThat(FreeTextScrubber.whyNotClean(List.of("from 10.1.2.3"), List.of("a"), ids, 1))
                .contains("a value holds a IPv4 address");
        assertThat(FreeTextScrubber.whyNotClean(List.of("ssn 123-45-6789"), List.of("a"), ids, 1))
                .contains("a value holds a SSN");
        assertThat(FreeTextScrubber.whyNotClean(List.of("on 2024-01-02"), List.of("a"), ids, 1))
                .contains("a value holds a date");
        assertThat(FreeTextScrubber.whyNotClean(List.of("plan 99812345"), List.of("a"), ids, 1))
                .contains("a value holds a number of five or more digits");
        assertThat(FreeTextScrubber.whyNotClean(List.of("spoke to lee"), List.of("a"), ids, 1))
                .contains("a value holds an identifying value of the source");
    }
}
