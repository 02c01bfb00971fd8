package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CommitResult;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportResultTest {

    @Test
    void itsAuditEntryNamesTheAssetAppendedTo() {
        UUID asset = UUID.randomUUID();
        UUID snapshot = UUID.randomUUID();
        ImportResult result = new ImportResult(asset, new CommitResult(snapshot, 4, 30, 90, 1));

        assertThat(result.auditResourceId()).isEqualTo(asset.toString());
        assertThat(result.auditDetails())
                .containsEntry("resourceIds", List.of(asset.toString()))
                .containsEntry("snapshotId", snapshot.toString())
                .containsEntry("rowsAdded", 30L);
    }
}
