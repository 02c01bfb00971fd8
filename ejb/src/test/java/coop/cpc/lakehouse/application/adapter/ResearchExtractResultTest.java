package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.adapter.health.KAnonymityReport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResearchExtractResultTest {

    @Test
    void itsAuditEntryNamesTheExtractAndListsTheSourcesReadAndTheAssetsWritten() {
        UUID vitals = UUID.randomUUID();
        UUID patients = UUID.randomUUID();
        UUID extract = UUID.randomUUID();
        UUID keys = UUID.randomUUID();
        ResearchExtractResult result = new ResearchExtractResult(
                List.of(vitals, patients),
                extract,
                keys,
                6,
                List.of("age"),
                new KAnonymityReport(2, 3, List.of(1), 3, 0.5, 2),
                List.of());

        assertThat(result.auditResourceId()).isEqualTo(extract.toString());
        assertThat(result.auditDetails())
                .containsEntry(
                        "resourceIds",
                        List.of(vitals.toString(), patients.toString(), extract.toString(), keys.toString()))
                .containsEntry("sourceAssetIds", List.of(vitals.toString(), patients.toString()))
                .containsEntry("pseudonymAssetId", keys.toString())
                .containsEntry("rows", 6L)
                .containsEntry("rowsSuppressed", 3);
    }
}
