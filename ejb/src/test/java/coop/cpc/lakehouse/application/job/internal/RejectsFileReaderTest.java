package coop.cpc.lakehouse.application.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.job.RejectedRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsFileReaderTest {
    private static final String FIRST = "{\"source\":\"t\",\"position\":\"id=7\",\"reason\":\"bad\"}\n";
    private static final String SECOND = "{\"source\":\"t\",\"position\":\"id=9\",\"reason\":\"worse\"}\n";

    @TempDir
    Path dir;

    @Test
    void readsAWholeSmallFile() throws Exception {
        Path file = write(FIRST + SECOND);

        RejectedRecords read = RejectsFileReader.read(file, 1024);

        assertThat(read).isEqualTo(new RejectedRecords(FIRST + SECOND, FIRST.length() + SECOND.length(), 2, false));
    }

    @Test
    void stopsAtTheLastWholeLineWithinTheBound() throws Exception {
        Path file = write(FIRST + SECOND);

        RejectedRecords read = RejectsFileReader.read(file, FIRST.length() + 5);

        assertThat(read.text()).isEqualTo(FIRST);
        assertThat(read.lines()).isEqualTo(1);
        assertThat(read.truncated()).isTrue();
        assertThat(read.byteSize()).isEqualTo(FIRST.length() + SECOND.length());
    }

    @Test
    void aFirstLineLongerThanTheBoundGivesNoText() throws Exception {
        RejectedRecords read = RejectsFileReader.read(write(FIRST), 10);

        assertThat(read.text()).isEmpty();
        assertThat(read.lines()).isZero();
        assertThat(read.truncated()).isTrue();
    }

    @Test
    void noFileMeansNothingWasRejected() throws Exception {
        assertThat(RejectsFileReader.read(dir.resolve("none.ndjson"), 1024)).isNull();
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("rejects.ndjson"), text, StandardCharsets.UTF_8);
    }
}
