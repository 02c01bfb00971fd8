package coop.cpc.lakehouse.catalog.storage;

import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.OTHER;
import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.THIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageMarkerTest {
    @TempDir
    Path folder;

    @Test
    void aFolderWithoutMarkerNamesNoCatalog() throws Exception {
        assertThat(StorageMarker.read(folder)).isEmpty();
    }

    @Test
    void aClaimWritesAMarkerThatNamesTheCatalogAndLeavesNoTemporaryFile() throws Exception {
        assertThat(StorageMarker.claim(folder, THIS)).isTrue();

        assertThat(StorageMarker.read(folder)).contains(THIS);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".lakehouse-catalog");
        }
        assertThat(Files.readString(folder.resolve(".lakehouse-catalog")))
                .endsWith("\ncatalog_id=6f1c2a9e-0b7d-4e55-9a43-2c8d1f0e7b61\n");
    }

    @Test
    void theMarkerIsReadableByOtherUsers() throws Exception {
        Assumptions.assumeTrue(
                folder.getFileSystem().supportedFileAttributeViews().contains("posix"));

        StorageMarker.claim(folder, THIS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(StorageMarker.of(folder))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aClaimNeverReplacesAMarker() throws Exception {
        StorageMarker.claim(folder, OTHER);

        assertThat(StorageMarker.claim(folder, THIS)).isFalse();

        assertThat(StorageMarker.read(folder)).contains(OTHER);
        try (var files = Files.list(folder)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void readsAMarkerAnOperatorWroteByHand() throws Exception {
        Files.writeString(
                folder.resolve(".lakehouse-catalog"),
                "catalog_id=" + OTHER.toString().toUpperCase());

        assertThat(StorageMarker.read(folder)).contains(OTHER);
    }

    @Test
    void rejectsAMarkerThatNamesNoCatalog() throws Exception {
        Files.writeString(folder.resolve(".lakehouse-catalog"), "catalog_id=not-a-uuid\n");

        assertThatThrownBy(() -> StorageMarker.read(folder))
                .isInstanceOf(InvalidStorageMarkerException.class)
                .hasMessage("the marker .lakehouse-catalog names no catalog (no line catalog_id=<uuid>)");
    }

    @Test
    void rejectsAMarkerOfBinaryGarbage() throws Exception {
        Files.write(folder.resolve(".lakehouse-catalog"), new byte[] {0, (byte) 0xff, 0x13, 0x7f});

        assertThatThrownBy(() -> StorageMarker.read(folder)).isInstanceOf(InvalidStorageMarkerException.class);
    }

    @Test
    void readsAtMostTheBoundOfATooLargeMarker() throws Exception {
        // A valid id line after the bound: a reader that read the whole file would accept it.
        String large = "#".repeat(StorageMarker.MAX_BYTES) + "\ncatalog_id=" + THIS + "\n";
        Files.writeString(folder.resolve(".lakehouse-catalog"), large, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StorageMarker.read(folder))
                .isInstanceOf(InvalidStorageMarkerException.class)
                .hasMessage("the marker .lakehouse-catalog is larger than 1024 bytes: it is no catalog's marker");
    }

    @Test
    void rejectsAMarkerThatIsAFolder() throws Exception {
        Files.createDirectory(folder.resolve(".lakehouse-catalog"));

        assertThatThrownBy(() -> StorageMarker.read(folder))
                .isInstanceOf(InvalidStorageMarkerException.class)
                .hasMessage("the marker .lakehouse-catalog is not a regular file");
    }
}
