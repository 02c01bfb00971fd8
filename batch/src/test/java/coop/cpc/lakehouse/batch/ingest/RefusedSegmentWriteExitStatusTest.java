package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.RunStepException;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run whose segment writes the segment folder refused says whose the folder is, as the GraphQL error does. */
class RefusedSegmentWriteExitStatusTest {

    @Test
    void theExitStatusIsTheStorageNotOwnedMessageHoweverTheWritersWrappedIt() {
        UUID thisCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
        UUID otherCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
        SegmentFolderRefusedException refusal = new SegmentFolderRefusedException(
                new StorageVerdict(StorageVerdict.Kind.FOREIGN, thisCatalog, otherCatalog, null));
        Exception failure = new RunStepException(new IllegalStateException(
                "a chunk failed", new UncheckedIOException("Cannot write a segment of research.vitals", refusal)));

        assertThat(RunFailures.describe(failure))
                .isEqualTo(refusal.getMessage())
                .startsWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog "
                        + otherCatalog + ", and this catalog is " + thisCatalog + ":");
    }
}
