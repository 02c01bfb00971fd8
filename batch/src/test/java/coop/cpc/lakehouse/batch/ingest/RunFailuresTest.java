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

    /**
     * A job stored before its JDBC URL's password was refused (or written by hand into the catalog) fails to connect:
     * its exit status, which admins read through GraphQL and the console, must not show the password.
     */
    @Test
    void aFailureNamingACredentialGivesAnExitStatusWithoutIt() {
        IOException failure = new IOException(
                "cannot connect to jdbc:postgresql://127.0.0.1:5432/sales?user=etl&password=hunter2",
                new IOException(
                        "FATAL: password authentication failed for user etl; url postgresql://etl:hunter2@127.0.0.1"));

        String status = RunFailures.describe(failure);

        assertThat(status)
                .contains("jdbc:postgresql://127.0.0.1:5432/sales?user=etl&password=***")
                .contains("password authentication failed")
                .doesNotContain("hunter2");
    }
}
