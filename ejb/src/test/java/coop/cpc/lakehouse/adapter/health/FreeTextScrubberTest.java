package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
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
        assertThat(whyOneValueIsNotClean("mail ann@example.org")).contains("a value holds a e-mail address");
        assertThat(whyOneValueIsNotClean("seen at http://x.org")).contains("a value holds a URL");
        assertThat(whyOneValueIsNotClean("from 10.1.2.3")).contains("a value holds a IPv4 address");
        assertThat(whyOneValueIsNotClean("ssn 123-45-6789")).contains("a value holds a SSN");
        assertThat(whyOneValueIsNotClean("on 2024-01-02")).contains("a value holds a date");
        assertThat(whyOneValueIsNotClean("plan 99812345")).contains("a value holds a number of five or more digits");
        assertThat(whyOneValueIsNotClean("spoke to lee")).contains("a value holds an identifying value of the source");
    }

    @Test
    void clinicalShorthandWithAnAtSignIsClean() {
        assertThat(whyOneValueIsNotClean("5mg@8h, BP 120/80@rest")).isEmpty();
        assertThat(whyOneValueIsNotClean("5mg@8h, results to ann@example.org"))
                .contains("a value holds a e-mail address");
    }

    @Test
    void aValueLongerThanTheScannedBoundIsNotProvedClean() {
        String longest = "bpm ".repeat(FreeTextScrubber.MAX_SCANNED_CHARS / 4);

        assertThat(whyOneValueIsNotClean(longest)).isEmpty();
        assertThat(whyOneValueIsNotClean(longest + "x"))
                .contains("a value is 65537 characters, more than the 65536 scanned for identifiers");
    }

    /** The scrubber's verdict on one value of one subject, with no sharing required. */
    private Optional<String> whyOneValueIsNotClean(String value) {
        return FreeTextScrubber.whyNotClean(List.of(value), List.of("a"), ids, 1);
    }
}
