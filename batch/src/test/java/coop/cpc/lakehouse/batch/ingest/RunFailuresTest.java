package coop.cpc.lakehouse.batch.ingest;

import static coop.cpc.lakehouse.testing.ServerThreads.onOneMebibyteStack;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RunFailuresTest {

    /**
     * A hostile API's next link with a path of 5,000 characters of {@code v.}, answered with 404: the reason overflowed
     * a batch thread's 1 MiB stack while class names were removed, and the run was left without an exit status.
     */
    @Test
    void aFailureNamingALongDottedUrlStillGivesAnExitStatus() throws InterruptedException {
        IOException failure =
                new IOException("GET http://api.example.test/" + "v.".repeat(2500) + "x (page 2) returned HTTP 404");
        String status = onOneMebibyteStack(
                () -> RunFailures.fitted("cannot read the source: " + RunFailures.describe(failure)));

        assertThat(status)
                .startsWith("cannot read the source: GET http://api.example.test/v.v.")
                .hasSize(RunFailures.MAX_EXIT_STATUS);
    }
}
