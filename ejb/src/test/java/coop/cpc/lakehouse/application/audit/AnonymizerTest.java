package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnonymizerTest {
    private final Anonymizer anonymizer = new Anonymizer("installation key".getBytes(StandardCharsets.UTF_8));

    @Test
    void pseudonymsAreStablePerKeyAndNeverTheName() {
        String alice = anonymizer.pseudonym("alice", AuditPurpose.USER_VIEW);

        assertThat(alice).hasSize(32).isEqualTo(anonymizer.pseudonym("alice", AuditPurpose.ADMIN)).doesNotContain("alice");
        assertThat(anonymizer.pseudonym("bob", AuditPurpose.USER_VIEW)).isNotEqualTo(alice);
        assertThat(new Anonymizer("other key".getBytes(StandardCharsets.UTF_8)).pseudonym("alice", AuditPurpose.USER_VIEW))
                .isNotEqualTo(alice);
    }

    @Test
    void researchAnalyticsAndMachineLearningKeepNeitherActorNorAddress() {
        for (AuditPurpose purpose : new AuditPurpose[] {AuditPurpose.RESEARCH, AuditPurpose.ANALYTICS, AuditPurpose.MACHINE_LEARNING}) {
            assertThat(anonymizer.pseudonym("alice", purpose)).as(purpose.name()).isNull();
            assertThat(Anonymizer.address("192.168.7.42", purpose)).as(purpose.name()).isNull();
        }
    }

    @Test
    void dataSyncKeepsTheFirstOctetAndOthersTheNetwork() {
        assertThat(Anonymizer.address("192.168.7.42", AuditPurpose.DATA_SYNC)).isEqualTo("192.0.0.0");
        assertThat(Anonymizer.address("192.168.7.42", AuditPurpose.PROVIDER_ACCESS)).isEqualTo("192.168.7.0");
        assertThat(Anonymizer.address("2001:db8:85a3:8d3:1319:8a2e:370:7348", AuditPurpose.ADMIN)).isEqualTo("2001:db8:85a3::");
        assertThat(Anonymizer.address("not an address", AuditPurpose.ADMIN)).isNull();
    }
}
