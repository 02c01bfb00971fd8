package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageReadinessCheckTest {

    @Test
    void aWritableFolderIsReadyAndLeavesNoProbeBehind(@TempDir Path folder) throws Exception {
        assertThat(StorageReadinessCheck.problem(folder)).isNull();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMissingFolderOrAFileInItsPlaceIsNotReady(@TempDir Path parent) throws Exception {
        Path file = Files.writeString(parent.resolve("webm"), "not a folder");

        assertThat(StorageReadinessCheck.problem(parent.resolve("absent"))).isEqualTo("missing");
        assertThat(StorageReadinessCheck.problem(file)).isEqualTo("not a folder");
    }

    @Test
    void aFolderOnAFullFileSystemIsNotReadyAlthoughAnEmptyFileCouldStillBeCreated(@TempDir Path folder)
            throws Exception {
        assertThat(StorageReadinessCheck.problem(folder, full -> 0)).isEqualTo("less than 64 MiB free");
        assertThat(StorageReadinessCheck.problem(folder, almostFull -> StorageReadinessCheck.MIN_USABLE_BYTES - 1))
                .isEqualTo("less than 64 MiB free");
        assertThat(StorageReadinessCheck.problem(folder, enough -> StorageReadinessCheck.MIN_USABLE_BYTES))
                .isNull();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void probesTheFolderTheServerUsesWhoseConfiguredValueIsTrimmed(@TempDir Path folder) {
        Path probed = StorageReadinessCheck.folder(
                name -> name.equals("data_lakehouse.webm_storage_path") ? Optional.of(folder + " ") : Optional.empty());

        assertThat(probed).isEqualTo(folder);
        assertThat(StorageReadinessCheck.problem(probed)).isNull();
    }

    @Test
    void probesTheDefaultFolderWhenNothingIsConfigured() {
        assertThat(StorageReadinessCheck.folder(name -> Optional.empty())).isEqualTo(Path.of("var/webm"));
    }
}
