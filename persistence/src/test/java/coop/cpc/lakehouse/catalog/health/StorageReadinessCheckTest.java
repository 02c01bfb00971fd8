package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
