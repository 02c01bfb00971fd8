package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a non-admin sees of an execution: what failed, not the source's URL, host or address. */
class JobSettingsRedactionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cannot read the source: GET https://api.partner.example/v1/visits?page=2&token=* (page 2) returned"
                        + " HTTP 503; restart to resume",
                "cannot read the source: https://api.partner.example/v1: host 'api.partner.example' resolves to an"
                        + " address that is not public; refused unless the source's allow-list names it",
                "cannot read the source: No subject alternative DNS name matching api.partner.example found.",
                "cannot read the source: connection to 10.1.2.3:5432 refused",
                "cannot read the source: connection to [fd00::7]:5432 refused"
            })
    void aNonAdminSeesWhatFailedButNotTheSource(String exitStatus) {
        String shown = JobSettingsRedaction.redacted(execution(exitStatus)).exitStatus();

        assertThat(shown).isEqualTo("cannot read the source: " + JobSettingsRedaction.HIDDEN_DETAILS);
    }

    @Test
    void aSourceNamedBeforeTheFirstColonIsHiddenToo() {
        assertThat(JobSettingsRedaction.redacted(execution("jdbc:postgresql://10.1.2.3:5432/plant is gone"))
                        .exitStatus())
                .isEqualTo("the run failed: " + JobSettingsRedaction.HIDDEN_DETAILS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "COMMITTED 12 rows in 1 snapshot(s)",
                "cannot read the source: file:/srv/inbox/visits/broken.csv record 2, line 3: not a number"
            })
    void anExitStatusThatNamesNoNetworkSourceIsShownAsItIs(String exitStatus) {
        JobExecution run = execution(exitStatus);

        assertThat(JobSettingsRedaction.redacted(run)).isSameAs(run);
    }

    private static JobExecution execution(String exitStatus) {
        return new JobExecution(
                "7", "3", "job-1", "FAILED", exitStatus, "MANUAL", null, false, null, null, null, List.of());
    }
}
