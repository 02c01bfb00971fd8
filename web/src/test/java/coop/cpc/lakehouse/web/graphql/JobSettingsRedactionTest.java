package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a non-admin sees of an execution: the exit status without the URLs of network sources. */
class JobSettingsRedactionTest {

    @Test
    void aNonAdminSeesNoSourceUrlInAnExitStatus() {
        JobExecution run = execution("FAILED: cannot read the source: GET https://api.partner.example/v1/visits?page=2"
                + "&token=* (page 2) returned HTTP 503; restart to resume");

        String shown = JobSettingsRedaction.redacted(run).exitStatus();

        assertThat(shown)
                .isEqualTo("FAILED: cannot read the source: GET " + JobSettingsRedaction.HIDDEN_URL
                        + " (page 2) returned HTTP 503; restart to resume")
                .doesNotContain("partner.example")
                .doesNotContain("/v1/visits");
    }

    @Test
    void databaseUrlsAreHiddenToo() {
        assertThat(JobSettingsRedaction.redacted(execution("cannot connect to jdbc:postgresql://10.1.2.3:5432/plant"))
                        .exitStatus())
                .isEqualTo("cannot connect to " + JobSettingsRedaction.HIDDEN_URL);
    }

    @Test
    void anExitStatusWithoutUrlIsShownAsItIs() {
        JobExecution run = execution("COMMITTED 12 rows in 1 snapshot(s)");

        assertThat(JobSettingsRedaction.redacted(run)).isSameAs(run);
    }

    private static JobExecution execution(String exitStatus) {
        return new JobExecution(
                "7", "3", "job-1", "FAILED", exitStatus, "MANUAL", null, false, null, null, null, List.of());
    }
}
