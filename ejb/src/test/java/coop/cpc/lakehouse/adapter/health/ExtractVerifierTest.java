package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtractVerifierTest {
    private static final String S1 = "s-" + "1".repeat(32).replace('1', 'a');
    private static final String S2 = "s-" + "b".repeat(32);
    private static final String S3 = "s-" + "c".repeat(32);
    private static final String S4 = "s-" + "d".repeat(32);

    private static ExtractTable table(List<String> names, Object[]... rows) {
        List<ExtractTable.Column> columns = new ArrayList<>();
        for (String n : names) {
            columns.add(new ExtractTable.Column(n, "string"));
        }
        return new ExtractTable(columns, List.of(rows), "subject", List.of("age", "zip3"));
    }

    /** Text columns, {@code subject} the pseudonym, the given columns listed as quasi-identifiers. */
    private static ExtractTable textTable(List<String> names, List<String> quasiIdentifiers, Object[]... rows) {
        return new ExtractTable(
                names.stream().map(n -> new ExtractTable.Column(n, "string")).toList(),
                List.of(rows),
                "subject",
                quasiIdentifiers);
    }

    private static IdentifierValues identifiers(String... values) {
        IdentifierValues ids = new IdentifierValues();
        for (String v : values) {
            ids.add(v);
        }
        return ids;
    }

    @Test
    void aCleanKAnonymousExtractPasses() {
        var t = table(
                List.of("subject", "age", "zip3", "unit"),
                new Object[] {S1, "30-34", "021", "bpm"},
                new Object[] {S2, "30-34", "021", "bpm"});
        assertThat(ExtractVerifier.verify(t, identifiers("P-1", "Ann Lee"), Set.of(), 2))
                .isEmpty();
    }

    @Test
    void refusesAClassBelowK() {
        var t = table(
                List.of("subject", "age", "zip3"), new Object[] {S1, "30", "021"}, new Object[] {S2, "31", "021"});
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                .containsExactly("2 quasi-identifier class(es) of (age, zip3) hold fewer than 2 subjects");
    }

    @Test
    void refusesIdentifierPatternsSourceValuesAgesOver89SparseZipsDatesAndKeys() {
        var t = table(
                List.of("subject", "age", "zip3", "note", "when", "email"),
                new Object[] {"P-1", "91", "036", "ann called 617-555-0101", LocalDate.of(2020, 1, 2), null},
                new Object[] {S2, "91", "036", "Lee", null, null});
        assertThat(ExtractVerifier.verify(t, identifiers("P-1", "Ann Lee"), Set.of(), 1))
                .containsExactlyInAnyOrder(
                        "column email is named like a Safe Harbor identifier (EMAIL)",
                        "column subject holds a value that is not a random pseudonym",
                        "column age holds an age over 89 or not an age",
                        "column zip3 holds more than three ZIP digits or a sparse area's prefix",
                        "column note holds a phone number",
                        "column when holds a full date or time",
                        "column note holds an identifying value of the source");
    }

    @Test
    void refusesBinaryContent() {
        var t = table(
                List.of("subject", "age", "zip3", "scan"),
                new Object[] {S1, "30-34", "021", "Ann Lee 617-555-0101".getBytes(StandardCharsets.UTF_8)},
                new Object[] {S2, "30-34", "021", null});
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                .containsExactly("column scan holds binary content, which cannot be proved clean");
    }

    /** What a subject suppressed by k-anonymity shared with a kept one is no longer shared in the extract. */
    @Test
    void refusesTextHeldByFewerThanKSubjectsOfTheExtract() {
        var t = table(
                List.of("subject", "age", "zip3", "diagnosis", "unit"),
                new Object[] {S1, "70-79", "021", "rare_x", "bpm"},
                new Object[] {S2, "70-79", "021", "flu", "bpm"},
                new Object[] {S2, "70-79", "021", "flu", "bpm"});
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                .containsExactly("column diagnosis holds a value shared by fewer than 2 subjects");
    }

    /** The hunt's leak: zip3 generalized to 0** but state published, so every (age, zip3, sex, state) is unique. */
    @Test
    void failsAnExtractWhoseStateSplitsAClass() {
        var t = new ExtractTable(
                List.of(
                        new ExtractTable.Column("subject", "string"),
                        new ExtractTable.Column("age", "string"),
                        new ExtractTable.Column("zip3", "string"),
                        new ExtractTable.Column("sex", "string"),
                        new ExtractTable.Column("state", "string")),
                List.of(
                        new Object[] {S1, "75-79", "0**", "F", "MA"},
                        new Object[] {S2, "75-79", "0**", "F", "VT"},
                        new Object[] {S3, "65-69", "0**", "M", "MA"},
                        new Object[] {S4, "65-69", "0**", "M", "VT"}),
                "subject",
                List.of("age", "zip3", "sex"));
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                .containsExactly("4 quasi-identifier class(es) of (age, zip3, sex, state) hold fewer than 2 subjects");
    }

    /** A source column declared QUASI_IDENTIFIER counts in the classes under its name or as its year. */
    @Test
    void failsAnExtractWhoseDeclaredQuasiIdentifierSplitsAClass() {
        var t = new ExtractTable(
                List.of(
                        new ExtractTable.Column("subject", "string"),
                        new ExtractTable.Column("ward", "string"),
                        new ExtractTable.Column("visit_year", "int32")),
                List.of(new Object[] {S1, "a", 2021}, new Object[] {S2, "a", 2024}),
                "subject",
                List.of());
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of("visit"), 2))
                .containsExactly("2 quasi-identifier class(es) of (visit_year) hold fewer than 2 subjects");
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2)).isEmpty();
    }

    /**
     * The year of a date the rules know (admission_date, timestamp, ...) counts in the classes whatever its source
     * declared: before, an admission_date declared SENSITIVE published a year that singled out a subject alone in it
     * (post-review 4's known limit), and the verifier passed it.
     */
    @Test
    void failsAnExtractWhoseDateYearSplitsAClassWhateverItsSourceDeclared() {
        for (String column : List.of("admission_date_year", "timestamp_year")) {
            var t = new ExtractTable(
                    List.of(
                            new ExtractTable.Column("subject", "string"),
                            new ExtractTable.Column("sex", "string"),
                            new ExtractTable.Column(column, "int32")),
                    List.of(new Object[] {S1, "F", 2024}, new Object[] {S2, "F", 2024}, new Object[] {S3, "F", 2019}),
                    "subject",
                    List.of("sex"));

            assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                    .containsExactly(
                            "1 quasi-identifier class(es) of (sex, " + column + ") hold fewer than 2 subjects");
        }
    }

    /** The pseudonym links a subject's rows: P1's rows in 021 and in 100 are a class of one by their combination. */
    @Test
    void failsASubjectWhoseRowsFallInTwoClasses() {
        String s5 = "s-" + "e".repeat(32);
        var t = new ExtractTable(
                List.of(new ExtractTable.Column("subject", "string"), new ExtractTable.Column("zip3", "string")),
                List.of(
                        new Object[] {S1, "021"},
                        new Object[] {S1, "100"},
                        new Object[] {S2, "021"},
                        new Object[] {S3, "021"},
                        new Object[] {S4, "100"},
                        new Object[] {s5, "100"}),
                "subject",
                List.of("zip3"));
        assertThat(ExtractVerifier.verify(t, identifiers(), Set.of(), 2))
                .containsExactly("1 quasi-identifier class(es) of (zip3) hold fewer than 2 subjects");
    }

    /** postreview4 #1: the builder's list of quasi-identifiers does not turn the pattern checks off. */
    @Test
    void failsAQuasiIdentifierHoldingAnIdentifierPattern() {
        String leaky = "admitted 2026-03-04, ssn 123-45-6789";
        var t = textTable(
                List.of("subject", "notes"),
                List.of("notes"),
                new Object[] {S1, leaky},
                new Object[] {S2, leaky},
                new Object[] {S3, "P-1"},
                new Object[] {S4, "P-1"});
        assertThat(ExtractVerifier.verify(t, identifiers("P-1"), Set.of(), 2))
                .containsExactly("column notes holds a SSN", "column notes holds an identifying value of the source");
    }

    /** The generalized values the verifier knows by name pass: age and year bands, ZIP3 prefixes, sex, state. */
    @Test
    void passesTheGeneralizedValuesItKnowsByName() {
        List<String> quasi = List.of("age", "zip3", "sex", "state", "timestamp_year");
        var t = textTable(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("subject"), quasi.stream())
                        .toList(),
                quasi,
                new Object[] {S1, "70-79", "02*", "F", "MA", "2020-2024"},
                new Object[] {S2, "70-79", "02*", "F", "MA", "2020-2024"});
        assertThat(ExtractVerifier.verify(t, identifiers("MA", "70-79", "2020-2024"), Set.of(), 2))
                .isEmpty();
    }
}
