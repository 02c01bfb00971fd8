package coop.cpc.lakehouse.application.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunFailuresTest {

    @Test
    void exitStatusesCarryNoJavaClassNamesNorServerFolders() {
        assertThat(RunFailures.clean("java.io.UncheckedIOException: java.nio.file.NoSuchFileException: gone.csv"))
                .isEqualTo("gone.csv");
        assertThat(RunFailures.clean("reading a.csv: org.postgresql.util.PSQLException: connection refused"))
                .isEqualTo("reading a.csv: connection refused");
        String dir = System.getProperty("user.dir");
        assertThat(RunFailures.clean("cannot write " + dir + "/var/webm/x.webm")).isEqualTo("cannot write <server>/var/webm/x.webm");
        assertThat(RunFailures.clean("java.lang.OutOfMemoryError")).isEqualTo("an internal error (see the server log)");
        assertThat(RunFailures.clean("visits.csv line 3: record 2 is longer than 1024 characters"))
                .isEqualTo("visits.csv line 3: record 2 is longer than 1024 characters");
    }
}
