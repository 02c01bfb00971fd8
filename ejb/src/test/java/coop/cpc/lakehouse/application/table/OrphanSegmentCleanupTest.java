package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSegmentCleanupTest {

    @TempDir
    Path root;

    @Test
    void considersOnlySegmentAndTemporaryFilesOlderThanTheGracePeriod() throws Exception {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        Path old = touch("health/vitals/data/a.webm", now.minusSeconds(7200));
        Path oldTemp = touch("health/vitals/data/.b.webm.tmp", now.minusSeconds(7200));
        touch("health/vitals/data/c.webm", now.minusSeconds(60));
        touch("health/vitals/notes.txt", now.minusSeconds(7200));

        assertThat(OrphanSegmentCleanup.candidates(root, now.minus(OrphanSegmentCleanup.GRACE)))
                .containsExactlyInAnyOrder(old, oldTemp);
    }

    @Test
    void aMissingStorageFolderHasNoCandidates() throws Exception {
        assertThat(OrphanSegmentCleanup.candidates(root.resolve("absent"), Instant.now()))
                .isEmpty();
    }

    private Path touch(String relative, Instant modified) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
