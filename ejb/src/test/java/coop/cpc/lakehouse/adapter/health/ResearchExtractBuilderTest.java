package coop.cpc.lakehouse.adapter.health;

import static coop.cpc.lakehouse.adapter.health.ColumnKinds.Pii.DIRECT_IDENTIFIER;
import static coop.cpc.lakehouse.adapter.health.ColumnKinds.Pii.NONE;
import static coop.cpc.lakehouse.adapter.health.ColumnKinds.Pii.QUASI_IDENTIFIER;
import static coop.cpc.lakehouse.adapter.health.ColumnKinds.Pii.SENSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResearchExtractBuilderTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static SourceTable.SourceColumn col(String name, String type, ColumnKinds.Pii pii) {
        return new SourceTable.SourceColumn(name, type, pii);
    }

    private static SourceTable patients(Object[]... rows) {
        return new SourceTable(
                "health.patients",
                List.of(
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col("given_name", "string", DIRECT_IDENTIFIER),
                        col("birth_date", "date", QUASI_IDENTIFIER),
                        col("zip", "string", QUASI_IDENTIFIER),
                        col("sex", "string", QUASI_IDENTIFIER)),
                List.of(rows));
    }

    @Test
    void aLonePatientWithANullNameIsSuppressedNotAnError() {
        ResearchExtract extract = new ResearchExtractBuilder(TODAY, new Pseudonyms(new Random(1)))
                .build(
                        List.of(patients(new Object[] {"LONE-1", null, LocalDate.of(1980, 1, 1), "02139", "F"})),
                        List.of(),
                        1000);
        assertThat(extract.table().rows()).isEmpty();
        assertThat(extract.report().rowsSuppressed()).isEqualTo(1);
        assertThat(extract.report().kReached()).isZero();
    }

    /**
     * The docs' example: one vital sign per patient in 2026 (timestamp declared QUASI_IDENTIFIER), ages 76, 74, 96;
     * ZIP3 021, 021, 000 -> 10-year bands, P-3 suppressed, loss (2 x (2/4)/4 + 1) / 3 = 5/12.
     */
    @Test
    void theDocumentedExampleGivesTenYearBandsAndSuppressesTheNinetySixYearOld() {
        SourceTable vitals = new SourceTable(
                "health.vital_signs",
                List.of(
                        col("id", "string", DIRECT_IDENTIFIER),
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col("timestamp", "timestamp_ms", QUASI_IDENTIFIER),
                        col("value", "float64", SENSITIVE)),
                List.of(
                        new Object[] {"v1", "P-1", java.time.Instant.parse("2026-03-01T08:00:00Z"), 72.5},
                        new Object[] {"v2", "P-2", java.time.Instant.parse("2026-03-01T09:00:00Z"), 80.0},
                        new Object[] {"v3", "P-3", java.time.Instant.parse("2026-03-02T09:00:00Z"), 66.0}));
        ResearchExtract extract = extractAtKTwo(
                List.of(),
                vitals,
                patients(
                        new Object[] {"P-1", "Ann", LocalDate.of(1950, 4, 2), "02139", "F"},
                        new Object[] {"P-2", "Bo", LocalDate.of(1952, 9, 30), "02141", "F"},
                        new Object[] {"P-3", "Cy", LocalDate.of(1930, 1, 15), "03601", "M"}));
        assertThat(extract.table().quasiIdentifiers()).containsExactly("age", "zip3", "sex", "timestamp_year");
        assertThat(extract.report().levels()).containsExactly(2, 0, 0, 0);
        assertThat(extract.report().rowsSuppressed()).isEqualTo(1);
        assertThat(extract.report().informationLoss()).isCloseTo(5.0 / 12, org.assertj.core.data.Offset.offset(1e-9));
        int age = extract.table().index("age");
        assertThat(extract.table().rows()).extracting(r -> r[age]).containsExactly("70-79", "70-79");
        assertThat(extract.pseudonyms()).containsOnlyKeys("P-1", "P-2");
    }

    @Test
    void pseudonymsAreRandomPerExtract() {
        Object[] row = {"P-1", "Ann", LocalDate.of(1950, 4, 2), "02139", "F"};
        Object[] other = {"P-2", "Bo", LocalDate.of(1950, 4, 3), "02139", "F"};
        String first = new ResearchExtractBuilder(TODAY, new Pseudonyms())
                .build(List.of(patients(row, other)), List.of(), 2)
                .pseudonyms()
                .get("P-1");
        String second = new ResearchExtractBuilder(TODAY, new Pseudonyms())
                .build(List.of(patients(row, other)), List.of(), 2)
                .pseudonyms()
                .get("P-1");
        assertThat(first).matches("s-[0-9a-f]{32}").isNotEqualTo(second);
    }

    @Test
    void refusesAQuasiIdentifierThatIsNotAnExtractColumn() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"P-1", "Ann", LocalDate.of(1950, 4, 2), "02139", "F"});
        assertThatThrownBy(() -> new ResearchExtractBuilder(TODAY, new Pseudonyms())
                        .build(List.of(patients(rows.toArray(Object[][]::new))), List.of("ethnicity"), 2))
                .hasMessageStartingWith("quasiIdentifiers: ethnicity is not a column of the extract");
    }

    /** Patients with a diagnosis and a scan: P-3 (96, M, sparse ZIP) is suppressed at k = 2. */
    private static SourceTable patientsWithDiagnosisAndScan() {
        List<SourceTable.SourceColumn> columns = new ArrayList<>(patients().columns());
        columns.add(col("diagnosis", "string", SENSITIVE));
        columns.add(col("scan", "bytes", SENSITIVE));
        columns.add(col("attachment", "bytes", NONE));
        return new SourceTable(
                "health.patients",
                columns,
                List.of(
                        new Object[] {
                            "P-1", "Ann", LocalDate.of(1950, 4, 2), "02139", "F", "rare_x", bytes("Ann 617"), null
                        },
                        new Object[] {"P-2", "Bo", LocalDate.of(1952, 9, 30), "02141", "F", "flu", bytes("Bo"), null},
                        new Object[] {"P-4", "Di", LocalDate.of(1953, 1, 30), "02142", "F", "flu", bytes("x"), null},
                        new Object[] {"P-3", "Cy", LocalDate.of(1930, 1, 15), "04601", "M", "rare_x", bytes("Cy"), null
                        }));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The extract of the sources at k = 2, with seeded pseudonyms. */
    private static ResearchExtract extractAtKTwo(List<String> quasiIdentifiers, SourceTable... sources) {
        return new ResearchExtractBuilder(TODAY, new Pseudonyms(new Random(1)))
                .build(List.of(sources), quasiIdentifiers, 2);
    }

    /** Fails unless the independent verifier finds nothing wrong with the extract of the source at k = 2. */
    private static void assertVerified(ResearchExtract extract, SourceTable source) {
        assertThat(ExtractVerifier.verify(
                        extract.table(),
                        ExtractVerifier.identifiersOf(List.of(source)),
                        ExtractVerifier.declaredQuasiIdentifiersOf(List.of(source)),
                        2))
                .isEmpty();
    }

    /** The extract at k = 2 of {@link #patientsWithDiagnosisAndScan()}, checked by the independent verifier. */
    private static ResearchExtract checkedExtract(List<String> quasiIdentifiers) {
        SourceTable source = patientsWithDiagnosisAndScan();
        ResearchExtract extract = extractAtKTwo(quasiIdentifiers, source);
        assertVerified(extract, source);
        return extract;
    }

    private static List<ColumnMapping> mappingsOf(ResearchExtract extract, String input) {
        return extract.mappings().stream()
                .filter(m -> m.inputs().equals(List.of(input)))
                .toList();
    }

    @Test
    void removesABytesColumnWhateverItsCategory() {
        ResearchExtract extract = checkedExtract(List.of());

        assertThat(extract.table().columns())
                .extracting(ExtractTable.Column::name)
                .doesNotContain("scan", "attachment");
        assertThat(mappingsOf(extract, "health.patients.scan"))
                .extracting(ColumnMapping::rule)
                .containsExactly("REMOVE");
    }

    @Test
    void freeTextMustBeSharedByKSubjectsOfTheExtractNotBySuppressedOnes() {
        ResearchExtract extract = checkedExtract(List.of());

        assertThat(extract.pseudonyms()).doesNotContainKey("P-3");
        assertThat(extract.table().columns())
                .extracting(ExtractTable.Column::name)
                .doesNotContain("diagnosis");
        assertThat(mappingsOf(extract, "health.patients.diagnosis"))
                .extracting(ColumnMapping::reason)
                .containsExactly("free text not proved clean: a value is shared by fewer than 2 subjects");
    }

    @Test
    void keepsTheDefaultQuasiIdentifiersWhenOthersAreAsked() {
        ResearchExtract extract = checkedExtract(List.of("sex"));

        assertThat(extract.table().quasiIdentifiers()).containsExactly("age", "zip3", "sex");
        int age = extract.table().index("age");
        assertThat(extract.table().rows()).extracting(r -> r[age]).containsOnly("70-79");
    }

    /** The subject key and the four demographic quasi-identifiers (birth date, ZIP, sex, state), then {@code more}. */
    private static List<SourceTable.SourceColumn> demographicsAnd(SourceTable.SourceColumn... more) {
        List<SourceTable.SourceColumn> columns = new ArrayList<>(List.of(
                col("user_id", "string", DIRECT_IDENTIFIER),
                col("birth_date", "date", QUASI_IDENTIFIER),
                col("zip", "string", QUASI_IDENTIFIER),
                col("sex", "string", QUASI_IDENTIFIER),
                col("state", "string", QUASI_IDENTIFIER)));
        columns.addAll(List.of(more));
        return columns;
    }

    /**
     * The hunt's four patients (k = 2): generalizing zip3 hides Massachusetts from Vermont only if state is
     * generalized or counted with it; every published (age, zip3, sex, state) must be shared by 2 subjects.
     */
    @Test
    void stateIsGeneralizedWithTheOtherQuasiIdentifiers() {
        SourceTable source = new SourceTable(
                "health.patients",
                demographicsAnd(col("diagnosis_code", "int32", SENSITIVE)),
                List.of(
                        new Object[] {"P1", LocalDate.of(1950, 3, 1), "02139", "F", "MA", 10},
                        new Object[] {"P2", LocalDate.of(1950, 3, 1), "05401", "F", "VT", 11},
                        new Object[] {"P3", LocalDate.of(1960, 3, 1), "02139", "M", "MA", 12},
                        new Object[] {"P4", LocalDate.of(1961, 3, 1), "05401", "M", "VT", 13}));
        ResearchExtract extract = extractAtKTwo(List.of(), source);

        assertThat(extract.table().quasiIdentifiers()).containsExactly("age", "zip3", "sex", "state");
        assertThat(extract.table().rows()).hasSize(4);
        java.util.Map<List<Object>, java.util.Set<Object>> classes = new java.util.HashMap<>();
        ExtractTable t = extract.table();
        for (Object[] row : t.rows()) {
            classes.computeIfAbsent(
                            List.of(
                                    row[t.index("age")],
                                    row[t.index("zip3")],
                                    row[t.index("sex")],
                                    row[t.index("state")]),
                            x -> new java.util.HashSet<>())
                    .add(row[t.index("subject")]);
        }
        assertThat(classes.values()).allSatisfy(subjects -> assertThat(subjects).hasSizeGreaterThanOrEqualTo(2));
        assertThat(extract.report().kReached()).isEqualTo(2);
        assertVerified(extract, source);
    }

    /** health.vital_signs declares timestamp QUASI_IDENTIFIER: its year is generalized and counted in the classes. */
    @Test
    void aKeptColumnDeclaredQuasiIdentifyingIsAQuasiIdentifier() {
        SourceTable source = new SourceTable(
                "health.vital_signs",
                List.of(
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col("timestamp", "timestamp_ms", QUASI_IDENTIFIER),
                        col("ward", "int32", NONE)),
                List.of(
                        new Object[] {"P1", java.time.Instant.parse("2021-05-01T00:00:00Z"), 1},
                        new Object[] {"P2", java.time.Instant.parse("2021-06-01T00:00:00Z"), 2},
                        new Object[] {"P3", java.time.Instant.parse("2021-07-01T00:00:00Z"), 3}));
        ResearchExtract extract = extractAtKTwo(List.of("ward"), source);

        assertThat(extract.table().quasiIdentifiers()).containsExactly("timestamp_year", "ward");
        assertThat(extract.table().rows())
                .extracting(r -> r[extract.table().index("ward")])
                .containsOnly("*");
        assertThat(extract.table().rows())
                .extracting(r -> r[extract.table().index("timestamp_year")])
                .containsOnly("2021");
        assertThat(extract.report().rowsSuppressed()).isZero();
    }

    /**
     * An admission date declared SENSITIVE (not QUASI_IDENTIFIER): before, its year was published as it is, outside
     * the classes, and P4, the only patient admitted in 2019, was singled out by it (post-review 4's known limit).
     */
    @Test
    void aDatesYearIsAQuasiIdentifierWhateverItsSourceDeclared() {
        SourceTable source = new SourceTable(
                "health.admissions",
                List.of(
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col("admission_date", "date", SENSITIVE),
                        col("sex", "string", QUASI_IDENTIFIER)),
                List.of(
                        new Object[] {"P1", LocalDate.of(2024, 2, 1), "F"},
                        new Object[] {"P2", LocalDate.of(2024, 3, 1), "F"},
                        new Object[] {"P3", LocalDate.of(2024, 4, 1), "F"},
                        new Object[] {"P4", LocalDate.of(2019, 5, 1), "F"}));

        ResearchExtract extract = extractAtKTwo(List.of(), source);

        assertThat(extract.table().quasiIdentifiers()).containsExactly("sex", "admission_date_year");
        assertThat(extract.table().rows())
                .extracting(r -> String.valueOf(r[extract.table().index("admission_date_year")]))
                .doesNotContain("2019");
        assertThat(extract.report().rowsSuppressed()).isEqualTo(1);
        assertThat(extract.pseudonyms()).doesNotContainKey("P4");
        assertVerified(extract, source);
    }

    /**
     * Dates declared SENSITIVE count as quasi-identifiers through their years (the user never named them): a refusal
     * by the combination bound names every column it counted, marks the years, and says what the user can do; before,
     * it said "too many quasi-identifiers: 8192 combinations of levels" and nothing else.
     */
    @Test
    void aRefusalForTooManyQuasiIdentifiersNamesTheColumnsCountedAndWhatToDo() {
        SourceTable source = new SourceTable(
                "health.stays",
                demographicsAnd(
                        col("admission_date", "date", SENSITIVE),
                        col("discharge_date", "date", SENSITIVE),
                        col("death_date", "date", SENSITIVE)),
                List.<Object[]>of(new Object[] {
                    "P1",
                    LocalDate.of(1980, 1, 1),
                    "02139",
                    "F",
                    "MA",
                    LocalDate.of(2024, 1, 1),
                    LocalDate.of(2024, 1, 9),
                    null
                }));

        assertThatThrownBy(() -> extractAtKTwo(List.of(), source))
                .hasMessageStartingWith("too many quasi-identifiers: ")
                .hasMessageContaining("sex, state, admission_date_year (a date's year, always counted), "
                        + "discharge_date_year (a date's year, always counted), "
                        + "death_date_year (a date's year, always counted) make 5120 combinations")
                .hasMessageEndingWith("; " + KAnonymizer.REMEDY);
    }

    @Test
    void aSubjectKeyDeclaredQuasiIdentifyingStaysThePseudonym() {
        SourceTable source = new SourceTable(
                "health.patients",
                List.of(col("user_id", "string", QUASI_IDENTIFIER), col("sex", "string", QUASI_IDENTIFIER)),
                List.of(new Object[] {"P1", "F"}, new Object[] {"P2", "F"}));
        ResearchExtract extract = extractAtKTwo(List.of(), source);

        assertThat(extract.table().quasiIdentifiers()).containsExactly("sex");
        assertThat(extract.table().rows()).hasSize(2);
    }

    @Test
    void refusesAQuasiIdentifierNamedTwice() {
        assertThatThrownBy(() -> new ResearchExtractBuilder(TODAY, new Pseudonyms())
                        .build(List.of(patientsWithDiagnosisAndScan()), List.of("sex", "sex"), 2))
                .hasMessageStartingWith("quasiIdentifiers: sex is named twice");
    }

    private static SourceTable withNotes(ColumnKinds.Pii notesCategory) {
        String leaky = "admitted 2026-03-04, ssn 123-45-6789, jo@example.org";
        return new SourceTable(
                "health.custom",
                List.of(
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col("sex", "string", QUASI_IDENTIFIER),
                        col("notes", "string", notesCategory)),
                List.of(
                        new Object[] {"P1", "F", leaky},
                        new Object[] {"P2", "F", leaky},
                        new Object[] {"P3", "M", "x"},
                        new Object[] {"P4", "M", "x"}));
    }

    /** postreview4 #1: free text named a quasi-identifier was published as it was, SSN and e-mail included. */
    @Test
    void refusesAFreeTextColumnAsAQuasiIdentifier() {
        assertThatThrownBy(() -> new ResearchExtractBuilder(TODAY, new Pseudonyms())
                        .build(List.of(withNotes(SENSITIVE)), List.of("notes"), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quasiIdentifiers: notes is free text");
    }

    /** postreview4 #1: a source declaring free text QUASI_IDENTIFIER does not turn its scrubbing off. */
    @Test
    void aFreeTextColumnDeclaredQuasiIdentifyingIsStillScrubbed() {
        ResearchExtract extract = extractAtKTwo(List.of(), withNotes(QUASI_IDENTIFIER));

        assertThat(extract.table().quasiIdentifiers()).containsExactly("sex");
        assertThat(extract.table().index("notes")).isNegative();
        assertThat(extract.table().rows()).hasSize(4);
    }

    /**
     * One source of user_id, the given column (a quasi-identifier) and sex, k = 1: the column's extract values in
     * row order, as quasi-identifiers are published: text, and {@code *} for a value the rule could not read.
     */
    private static List<Object> extracted(String output, String name, String type, Object... values) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {"P-" + i, values[i], "F"});
        }
        SourceTable source = new SourceTable(
                "health.patients",
                List.of(
                        col("user_id", "string", DIRECT_IDENTIFIER),
                        col(name, type, QUASI_IDENTIFIER),
                        col("sex", "string", QUASI_IDENTIFIER)),
                rows);
        ExtractTable table = new ResearchExtractBuilder(TODAY, new Pseudonyms(new Random(1)))
                .build(List.of(source), List.of(), 1)
                .table();
        int c = table.index(output);
        return table.rows().stream().map(r -> r[c]).toList();
    }

    @Test
    void nanAgeIsNotZero() {
        assertThat(extracted("age", "age", "float64", Double.NaN, 52.0, Double.POSITIVE_INFINITY))
                .containsExactly("*", "52", "*");
    }

    @Test
    void agesReadFromNumbersAndText() {
        assertThat(extracted("age", "age", "string", "37", "52", "old", "1950-01-01"))
                .containsExactly("37", "52", "*", "76");
        assertThat(extracted("age", "age", "decimal(5,1)", new java.math.BigDecimal("41.5")))
                .containsExactly("41");
    }

    @Test
    void ageFromATimestampBirthDate() {
        // The UTC date: 1990-12-04T23:30-05:00 is 1990-12-05 in UTC, so not yet 36 on 2026-12-04.
        assertThat(extracted(
                        "age",
                        "birth_date",
                        "timestamp_us",
                        java.time.Instant.parse("1950-01-01T00:00:00Z"),
                        java.time.Instant.parse("1990-12-05T04:30:00Z")))
                .containsExactly("76", "35");
        assertThat(extracted("age", "birth_date", "string", "1950-01-01", "1950-02-30"))
                .containsExactly("76", "*");
    }

    @Test
    void yearFromATextDate() {
        assertThat(extracted("admission_date_year", "admission_date", "string", "2024-03-01", "soon"))
                .containsExactly("2024", "*");
    }

    @Test
    void numericZipKeepsLeadingZero() {
        assertThat(extracted("zip3", "zip", "int32", 2134, 10001, 3601)).containsExactly("021", "100", "000");
        assertThat(extracted("zip3", "zip", "int64", 21340001L, -5L)).containsExactly("021", "*");
        assertThat(extracted("zip3", "zip", "int64", 123456L, 5009999L)).containsExactly("*", "*");
    }

    @Test
    void aColumnOfATypeItsRuleCannotReadIsRefusedNamingTheType() {
        assertThatThrownBy(() -> extracted("age", "age", "bool", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health.patients.age is bool, which the AGE rule does not read (a date, a timestamp, a"
                        + " number of years, or text holding a yyyy-mm-dd date or whole years)");
        assertThatThrownBy(() -> extracted("zip3", "zip", "float64", 2134.0))
                .hasMessage("health.patients.zip is float64, which the ZIP3 rule does not read (text or an integer)");
        assertThatThrownBy(() -> extracted("admission_date_year", "admission_date", "int64", 2024L))
                .hasMessageStartingWith("health.patients.admission_date is int64, which the YEAR rule does not read");
    }
}
