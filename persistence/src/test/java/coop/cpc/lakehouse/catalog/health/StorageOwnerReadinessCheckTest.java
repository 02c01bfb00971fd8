package coop.cpc.lakehouse.catalog.health;

import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.OTHER;
import static coop.cpc.lakehouse.catalog.storage.TestCatalogs.THIS;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageOwnerReadinessCheckTest {
    @TempDir
    Path folder;

    @Test
    void isDownNamingBothCatalogsButNoPathWhenAnotherCatalogMarkedTheFolder() throws Exception {
        StorageMarker.claim(folder, OTHER);

        StorageOwnerReadinessCheck.Answer answer = StorageOwnerReadinessCheck.answer(folder, THIS);

        assertThat(answer.up()).isFalse();
        assertThat(answer.text())
                .startsWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog " + OTHER
                        + ", and this catalog is " + THIS)
                .doesNotContain(folder.toString());
    }

    @Test
    void isUpWhenTheFolderIsThisCatalogs() throws Exception {
        StorageMarker.claim(folder, THIS);

        StorageOwnerReadinessCheck.Answer answer = StorageOwnerReadinessCheck.answer(folder, THIS);

        assertThat(answer.up()).isTrue();
        assertThat(answer.text()).isEqualTo("webm_storage_path is the segment folder of this catalog (" + THIS + ")");
    }

    @Test
    void isUpButSaysSoWhenTheFolderIsNotClaimed() {
        StorageOwnerReadinessCheck.Answer answer = StorageOwnerReadinessCheck.answer(folder, THIS);

        assertThat(answer.up()).isTrue();
        assertThat(answer.text()).startsWith("not claimed by catalog " + THIS);
    }
}
