package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeHarborRulesTest {

    @Test
    void everyOneOfTheEighteenSafeHarborLettersHasAKindThatIsRemovedOrTransformed() {
        List<String> letters = new ArrayList<>();
        for (IdentifierKind kind : IdentifierKind.values()) {
            if (kind.safeHarborLetter() != null) {
                letters.add(kind.safeHarborLetter());
                assertThat(kind.treatment()).as(kind.name()).isNotIn(Treatment.KEEP, Treatment.QUASI, Treatment.SCRUB);
            }
        }
        assertThat(letters).containsAll(Arrays.asList("ABCDEFGHIJKLMNOPQR".split("")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "given_name, NAME, REMOVE",
        "family_name, NAME, REMOVE",
        "street, GEOGRAPHY, REMOVE",
        "city, GEOGRAPHY, REMOVE",
        "zip, ZIP, ZIP3",
        "timestamp, DATE, YEAR",
        "birth_date, BIRTH_DATE, AGE",
        "age, AGE, AGE",
        "phone, PHONE, REMOVE",
        "fax, FAX, REMOVE",
        "email, EMAIL, REMOVE",
        "ssn, SSN, REMOVE",
        "mrn, MEDICAL_RECORD, REMOVE",
        "health_plan_id, HEALTH_PLAN, REMOVE",
        "account_number, ACCOUNT, REMOVE",
        "license_number, LICENSE, REMOVE",
        "license_plate, VEHICLE, REMOVE",
        "device_serial, DEVICE, REMOVE",
        "url, URL, REMOVE",
        "ip_address, IP_ADDRESS, REMOVE",
        "fingerprint, BIOMETRIC, REMOVE",
        "photo, PHOTO, REMOVE",
        "id, OTHER_UNIQUE_ID, REMOVE",
        "user_id, SUBJECT, PSEUDONYM",
        "sex, SEX, QUASI",
        "state, STATE, QUASI",
        "notes, FREE_TEXT, SCRUB"
    })
    void knownColumnNamesGetTheirKindsRule(String column, IdentifierKind kind, Treatment treatment) {
        assertThat(ColumnKinds.of(column, "string", ColumnKinds.Pii.NONE)).isEqualTo(kind);
        assertThat(kind.treatment()).isEqualTo(treatment);
    }

    @Test
    void otherColumnsGoByTheirPiiCategoryAndAnUnknownOneIsDropped() {
        assertThat(ColumnKinds.of("value", "float64", ColumnKinds.Pii.NONE)).isEqualTo(IdentifierKind.NOT_IDENTIFYING);
        assertThat(ColumnKinds.of("unit", "string", ColumnKinds.Pii.NONE)).isEqualTo(IdentifierKind.FREE_TEXT);
        assertThat(ColumnKinds.of("diagnosis", "string", ColumnKinds.Pii.SENSITIVE))
                .isEqualTo(IdentifierKind.FREE_TEXT);
        assertThat(ColumnKinds.of("badge", "string", ColumnKinds.Pii.DIRECT_IDENTIFIER))
                .isEqualTo(IdentifierKind.OTHER_UNIQUE_ID);
        assertThat(ColumnKinds.of("ethnicity", "string", ColumnKinds.Pii.QUASI_IDENTIFIER))
                .isEqualTo(IdentifierKind.UNKNOWN);
        assertThat(ColumnKinds.of("whatever", "int64", null)).isEqualTo(IdentifierKind.UNKNOWN);
        assertThat(IdentifierKind.UNKNOWN.treatment()).isEqualTo(Treatment.REMOVE);
    }

    @Test
    void aBytesColumnIsBinaryAndRemovedWhateverItsNameOrCategory() {
        for (ColumnKinds.Pii pii : ColumnKinds.Pii.values()) {
            assertThat(ColumnKinds.of("scan", "bytes", pii)).as(pii.name()).isEqualTo(IdentifierKind.BINARY);
        }
        assertThat(ColumnKinds.of("notes", "bytes", ColumnKinds.Pii.NONE)).isEqualTo(IdentifierKind.BINARY);
        assertThat(ColumnKinds.of("state", "bytes", ColumnKinds.Pii.NONE)).isEqualTo(IdentifierKind.BINARY);
        assertThat(ColumnKinds.of("photo", "bytes", ColumnKinds.Pii.NONE)).isEqualTo(IdentifierKind.PHOTO);
        assertThat(IdentifierKind.BINARY.treatment()).isEqualTo(Treatment.REMOVE);
    }

    /** One patient table with a column of every kind: what the extract keeps, hand-checked. */
    @Test
    void anExtractOfEveryKindKeepsOnlyPseudonymYearAgeZip3SexAndCleanValues() {
        List<SourceTable.SourceColumn> columns = new ArrayList<>();
        for (String c : List.of(
                "user_id",
                "given_name",
                "street",
                "zip",
                "birth_date",
                "phone",
                "fax",
                "email",
                "ssn",
                "mrn",
                "health_plan_id",
                "account_number",
                "license_number",
                "license_plate",
                "device_serial",
                "url",
                "ip_address",
                "fingerprint",
                "photo",
                "id",
                "sex",
                "notes",
                "unit",
                "ethnicity",
                "timestamp",
                "value")) {
            String type = switch (c) {
                case "birth_date" -> "date";
                case "timestamp" -> "timestamp_ms";
                case "value" -> "float64";
                default -> "string";
            };
            ColumnKinds.Pii pii = c.equals("ethnicity") ? ColumnKinds.Pii.QUASI_IDENTIFIER : ColumnKinds.Pii.NONE;
            columns.add(new SourceTable.SourceColumn(c, type, pii));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new Object[] {
                "P-" + (100 + i),
                "Name" + i,
                i + " Main St",
                "02139",
                LocalDate.of(1950, 1, 1),
                "617-555-010" + i,
                "617-555-020" + i,
                "p" + i + "@example.org",
                "123-45-678" + i,
                "MRN-" + i,
                "HP-" + i,
                "AC-" + i,
                "LIC-" + i,
                "PLATE-" + i,
                "SER-" + i,
                "https://example.org/p" + i,
                "10.0.0." + i,
                "FP" + i,
                "PHOTO" + i,
                "ID" + i,
                "F",
                "called Name" + i,
                "bpm",
                "x",
                Instant.parse("2024-05-06T07:08:09Z"),
                70.5 + i
            });
        }
        ResearchExtract extract = new ResearchExtractBuilder(LocalDate.of(2026, 12, 4), new Pseudonyms(new Random(1)))
                .build(List.of(new SourceTable("patients", columns, rows)), List.of(), 2);
        assertThat(extract.table().columns())
                .extracting(ExtractTable.Column::name)
                .containsExactly("subject", "zip3", "age", "sex", "unit", "timestamp_year", "value");
        Object[] first = extract.table().rows().get(0);
        assertThat(first[1]).isEqualTo("021");
        assertThat(first[2]).isEqualTo("76");
        assertThat(first[3]).isEqualTo("F");
        assertThat(first[4]).isEqualTo("bpm");
        assertThat(first[5]).as("a date's year is a quasi-identifier, as text").isEqualTo("2024");
        assertThat(first[6]).isEqualTo(70.5);
        assertThat(extract.report().rowsSuppressed()).isZero();
        assertThat(extract.mappings())
                .filteredOn(m -> m.output() == null)
                .extracting(m -> m.inputs().get(0))
                .contains("patients.notes", "patients.ethnicity", "patients.ssn", "patients.given_name");
        assertThat(ExtractVerifier.verify(extract.table(), extract.sourceIdentifiers(), Set.of("ethnicity"), 2))
                .isEmpty();
    }
}
