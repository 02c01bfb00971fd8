package coop.cpc.lakehouse.web.graphql;

import static coop.cpc.lakehouse.testing.ServerThreads.onOneMebibyteStack;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a non-admin sees of a failure: what failed, not the source's URL, host or address. */
class SourceDetailsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cannot read the source: GET https://api.partner.example/v1/visits?page=2&token=* (page 2) returned"
                        + " HTTP 503; restart to resume",
                "cannot read the source: https://api.partner.example/v1: host 'api.partner.example' resolves to an"
                        + " address that is not public; refused unless the source's allow-list names it",
                "cannot read the source: No subject alternative DNS name matching api.partner.example found.",
                "cannot read the source: connection to 10.1.2.3 refused",
                "cannot read the source: Connection to db.internal.example:5432 refused",
                "cannot read the source: connection to [fd00::7]:5432 refused",
                "cannot read the source: url: host db.internal.example does not resolve"
            })
    void aNonAdminSeesWhatFailedButNotTheSource(String message) {
        assertThat(SourceDetails.hidden(message)).isEqualTo("cannot read the source: " + SourceDetails.HIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {" db-primary.internal.corp:5432 refused", " 10.20.30.40 refused"})
    void aSourceThatStraddlesTheCutIsHiddenNotShownInPart(String tail) {
        // The cut falls after "db-prim" or "10.20.3", so the cut text alone names no source.
        String message = "replication failed: " + "x".repeat(SourceDetails.MAX_SCANNED_CHARS - 28) + tail;

        assertThat(SourceDetails.hidden(message)).isEqualTo("replication failed: " + SourceDetails.HIDDEN);
    }

    @Test
    void aSourceNamedBeforeTheFirstColonIsHiddenToo() {
        assertThat(SourceDetails.hidden("jdbc:postgresql://10.1.2.3:5432/plant is gone"))
                .isEqualTo("failed: " + SourceDetails.HIDDEN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "COMMITTED 12 rows in 1 snapshot(s)",
                "cannot read the source: file:/srv/inbox/visits/broken.csv record 2, line 3: not a number",
                "cannot read the source: source table public.hosts has no column hostname",
                "cannot commit the run: column certificate_id of asset crm.accounts is NOT NULL",
                "cannot read the source: line 3: bad value at items[0]",
                "CDC stream sales_orders: source transaction 5712:24268728 has more than 131072 changes"
            })
    void aMessageThatNamesNoNetworkSourceIsShownAsItIs(String message) {
        assertThat(SourceDetails.hidden(message)).isEqualTo(message);
    }

    @Test
    void anExecutionKeepsItselfWhenItsExitStatusNamesNoSource() {
        JobExecution run = new JobExecution(
                "7", "3", "job-1", "COMPLETED", "COMMITTED 2 rows", "MANUAL", null, false, null, null, null, List.of());

        assertThat(JobSettingsRedaction.redacted(run)).isSameAs(run);
    }

    @Test
    void aLongErrorIsJudgedOnItsCutTextWithoutOverflowing() throws InterruptedException {
        String dotted = "cannot read the source: " + "a.".repeat(5000) + "x";
        String dashed = "cannot read the source: " + "a-".repeat(16000) + "x";
        String longHost = "cannot read the source: connection to " + "a.".repeat(3000) + "example:5432 refused";

        assertThat(onOneMebibyteStack(() -> SourceDetails.hidden(dotted)))
                .isEqualTo(dotted.substring(0, SourceDetails.MAX_SCANNED_CHARS) + "…");
        assertThat(onOneMebibyteStack(() -> SourceDetails.hidden(dashed)))
                .isEqualTo(dashed.substring(0, SourceDetails.MAX_SCANNED_CHARS) + "…");
        assertThat(onOneMebibyteStack(() -> SourceDetails.hidden(longHost.substring(0, 1500) + "example:5432")))
                .isEqualTo("cannot read the source: " + SourceDetails.HIDDEN);
    }
}
