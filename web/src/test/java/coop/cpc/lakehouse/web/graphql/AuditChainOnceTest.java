package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.audit.AuditChainVerifier;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import org.junit.jupiter.api.Test;

class AuditChainOnceTest {

    @Test
    void verifiesTheChainOncePerRequestHoweverOftenItIsAsked() {
        int[] verifications = {0};
        AuditChainOnce once = new AuditChainOnce();
        once.verifier = new AuditChainVerifier() {
            @Override
            public AuditVerification verify() {
                verifications[0]++;
                return new AuditVerification(true, 3, null);
            }
        };
        for (int alias = 0; alias < 50; alias++) {
            once.verify();
        }
        assertThat(verifications[0]).isEqualTo(1);
    }
}
