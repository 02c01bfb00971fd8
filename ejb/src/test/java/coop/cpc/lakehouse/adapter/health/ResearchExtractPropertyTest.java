package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random patient tables with vital signs: every extract passes the independent check with its k. */
class ResearchExtractPropertyTest {
    private static final String[] ZIPS = {"02139", "03601", "10001", "10002", "59301", "89001", "02140", "94110"};
    private static final String[] SEX = {"F", "M", "X"};
    private static final String[] NOTES = {"feels fine", "called 617-555-0101", "see https://x.example", "Name%d asked"
    };

    @Property(tries = 60)
    void everyExtractPassesTheIndependentCheck(
            @ForAll @IntRange(min = 1, max = 80) int patients,
            @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<Object[]> demographics = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            demographics.add(new Object[] {
                "P-" + (10_000 + p),
                "Name" + p + " Family" + p,
                LocalDate.of(1920 + random.nextInt(106), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                ZIPS[random.nextInt(ZIPS.length)],
                SEX[random.nextInt(SEX.length)],
                "555-" + (1000 + p) + "-0000",
                "p" + p + "@example.org",
                String.format("%03d-12-%04d", p % 1000, p)
            });
        }
        List<Object[]> vitals = new ArrayList<>();
        for (int v = 0; v < patients * 3; v++) {
            int p = random.nextInt(patients);
            vitals.add(new Object[] {
                "V" + v,
                "P-" + (10_000 + p),
                Instant.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000)),
                random.nextBoolean() ? "heart_rate" : "spo2",
                50 + random.nextInt(100) + 0.5,
                "bpm",
                "watch",
                String.format(NOTES[random.nextInt(NOTES.length)], p)
            });
        }
        SourceTable patientsTable = new SourceTable(
                "patients",
                List.of(
                        col("user_id", "string"),
                        col("name", "string"),
                        col("birth_date", "date"),
                        col("zip", "string"),
                        col("sex", "string"),
                        col("phone", "string"),
                        col("email", "string"),
                        col("ssn", "string")),
                demographics);
        SourceTable vitalsTable = new SourceTable(
                "vital_signs",
                List.of(
                        col("id", "string"),
                        col("user_id", "string"),
                        col("timestamp", "timestamp_ms"),
                        col("measurement_type", "string"),
                        col("value", "float64"),
                        col("unit", "string"),
                        col("source", "string"),
                        col("notes", "string")),
                vitals);

        ResearchExtract extract = new ResearchExtractBuilder(LocalDate.of(2026, 12, 4), new Pseudonyms(random))
                .build(List.of(vitalsTable, patientsTable), List.of(), k);

        assertThat(ExtractVerifier.verify(
                        extract.table(),
                        ExtractVerifier.identifiersOf(List.of(vitalsTable, patientsTable)),
                        ExtractVerifier.declaredQuasiIdentifiersOf(List.of(vitalsTable, patientsTable)),
                        k))
                .isEmpty();
        if (!extract.table().rows().isEmpty()) {
            assertThat(extract.report().kReached()).isGreaterThanOrEqualTo(k);
        }
        assertThat(extract.report().rowsSuppressed() + extract.table().rows().size())
                .isEqualTo(vitals.size());
        assertThat(extract.table().columns())
                .extracting(ExtractTable.Column::name)
                .doesNotContain("id", "name", "ssn");
        // Notes are judged on the rows kept: they stay only when every kept note is the clean one.
        int notes = extract.table().index("notes");
        if (notes >= 0) {
            assertThat(extract.table().rows()).allMatch(row -> "feels fine".equals(row[notes]));
        }
    }

    private static SourceTable.SourceColumn col(String name, String type) {
        return new SourceTable.SourceColumn(name, type, ColumnKinds.Pii.NONE);
    }
}
