package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import jakarta.batch.runtime.BatchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsFileListenerTest {

    @TempDir
    Path storage;

    @Test
    void theRejectsFileAndItsFoldersAreReadableByTheServersAccountOnly() throws Exception {
        // The reasons quote source values; the umask of a WildFly started from a shell (022) would share them.
        RejectsFileListener listener = new RejectsFileListener();
        listener.job = BatchContexts.job(() -> BatchStatus.STARTED);
        listener.settings = LakehouseSettings.from(name -> Optional.ofNullable(
                Map.of("data_lakehouse.webm_storage_path", storage.toString()).get(name)));

        listener.onSkipReadItem(
                new RejectedRecordException(new RejectedRecord("patients.csv", "line 2", "not a date")));
        listener.onSkipReadItem(
                new RejectedRecordException(new RejectedRecord("patients.csv", "line 3", "not a date")));

        UUID jobId = JobParameters.jobId(listener.job.getProperties());
        Path file = RejectsFiles.resolve(storage, jobId, 1L);
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(permissions(file)).isEqualTo("rw-------");
        for (Path folder = file.getParent(); !folder.equals(storage); folder = folder.getParent()) {
            assertThat(permissions(folder))
                    .as(storage.relativize(folder).toString())
                    .isEqualTo("rwx------");
        }
        assertThat(storage.relativize(file.getParent()).getNameCount())
                .as("_runs/<job>/<execution>")
                .isEqualTo(3);
    }

    private static String permissions(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
