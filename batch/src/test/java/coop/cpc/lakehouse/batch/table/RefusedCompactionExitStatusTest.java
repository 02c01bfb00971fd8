package coop.cpc.lakehouse.batch.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A compaction the segment folder refused ends with an exit status that says so and names both catalogs. */
class RefusedCompactionExitStatusTest {

    @Test
    void theExitStatusNamesTheCodeTheKeyAndBothCatalogsWithinTheColumnsBound() {
        UUID thisCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
        UUID otherCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
        StorageNotOwnedException notOwned = new StorageNotOwnedException(new SegmentFolderRefusedException(
                new StorageVerdict(StorageVerdict.Kind.FOREIGN, thisCatalog, otherCatalog, null)));

        String status = CompactAssetBatchlet.refused(notOwned);

        assertThat(status)
                .startsWith("REFUSED storage-not-owned: webm_storage_path is marked (.lakehouse-catalog) as the segment"
                        + " folder of catalog " + otherCatalog + ", and this catalog is " + thisCatalog + ":")
                .hasSizeLessThanOrEqualTo(500);
    }
}
