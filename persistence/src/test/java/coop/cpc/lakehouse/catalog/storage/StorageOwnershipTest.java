package coop.cpc.lakehouse.catalog.storage;

import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.OTHER;
import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.THIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageOwnershipTest {
    @TempDir
    Path folder;

    @Test
    void claimsAFolderWhoseSegmentFilesItKnowsAll() throws Exception {
        StorageVerdict verdict = StorageOwnership.check(folder, THIS, unknown -> List.of());

        assertThat(verdict.kind()).isEqualTo(StorageVerdict.Kind.OWNED);
        assertThat(verdict.owned()).isTrue();
        assertThat(StorageMarker.read(folder)).contains(THIS);
    }

    @Test
    void aFolderItClaimedIsItsWithoutLookingAtItsFilesAgain() throws Exception {
        StorageMarker.claim(folder, THIS);
        AtomicInteger lookups = new AtomicInteger();

        StorageVerdict verdict = StorageOwnership.check(folder, THIS, unknown -> {
            lookups.incrementAndGet();
            return List.of("crm/accounts/data/x.webm");
        });

        assertThat(verdict.owned()).isTrue();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aFolderMarkedByAnotherCatalogIsNeitherClaimedNorWritten() throws Exception {
        StorageMarker.claim(folder, OTHER);

        StorageVerdict verdict = StorageOwnership.check(folder, THIS, unknown -> List.of());

        assertThat(verdict.kind()).isEqualTo(StorageVerdict.Kind.FOREIGN);
        assertThat(verdict.owned()).isFalse();
        assertThat(verdict.writable()).isFalse();
        assertThat(StorageMarker.read(folder)).as("never re-claimed").contains(OTHER);
        assertThat(verdict.message("webm_storage_path /srv/webm"))
                .startsWith("webm_storage_path /srv/webm is marked (.lakehouse-catalog) as the segment folder of"
                        + " catalog 0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f, and this catalog is"
                        + " 6f1c2a9e-0b7d-4e55-9a43-2c8d1f0e7b61: this server writes and deletes nothing there.");
    }

    @Test
    void aFolderWithoutMarkerHoldingFilesItDoesNotKnowStaysUnclaimed() throws Exception {
        StorageVerdict verdict = StorageOwnership.check(
                folder, THIS, unknown -> List.of("crm/accounts/data/a.webm", "crm/accounts/data/b.webm"));

        assertThat(verdict.kind()).isEqualTo(StorageVerdict.Kind.UNCLAIMED);
        assertThat(verdict.owned()).as("no orphan cleanup").isFalse();
        assertThat(verdict.writable()).isTrue();
        assertThat(StorageMarker.read(folder)).isEmpty();
        assertThat(verdict.message("webm_storage_path"))
                .startsWith("webm_storage_path has no marker (.lakehouse-catalog) and holds at least 2 segment file(s)"
                        + " (crm/accounts/data/a.webm, ...) this catalog (6f1c2a9e-0b7d-4e55-9a43-2c8d1f0e7b61)"
                        + " does not know");
    }

    @Test
    void aGarbageMarkerCountsAsAnotherCatalogsAndIsLeftAlone() throws Exception {
        Files.write(StorageMarker.of(folder), new byte[2048]);

        StorageVerdict verdict = StorageOwnership.check(folder, THIS, unknown -> List.of());

        assertThat(verdict.kind()).isEqualTo(StorageVerdict.Kind.INVALID_MARKER);
        assertThat(verdict.writable()).isFalse();
        assertThat(Files.size(StorageMarker.of(folder))).isEqualTo(2048);
        assertThat(verdict.message("webm_storage_path"))
                .startsWith("webm_storage_path: the marker .lakehouse-catalog is larger than 1024 bytes");
    }

    @Test
    void aMarkerAnotherServerWritesDuringTheClaimStands() throws Exception {
        StorageVerdict verdict = StorageOwnership.check(folder, THIS, unknown -> {
            StorageMarker.claim(folder, OTHER);
            return List.of();
        });

        assertThat(verdict.kind()).isEqualTo(StorageVerdict.Kind.FOREIGN);
        assertThat(verdict.markerId()).isEqualTo(OTHER);
        assertThat(StorageMarker.read(folder)).contains(OTHER);
    }
}
