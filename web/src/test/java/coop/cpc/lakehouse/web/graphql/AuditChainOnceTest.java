package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.catalog.audit.AuditLogCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AuditChainOnceTest {

    @Test
    void verifiesTheChainOncePerRequestHoweverOftenItIsAsked() {
        int[] verifications = {0};
        AuditChainOnce once = new AuditChainOnce();
        once.audit = new AuditService() {
            @Override
            public AuditVerification verify(String publishedHead) {
                verifications[0]++;
                return new AuditVerification(true, 3, null);
            }

            @Override
            public Page<AuditLogEntry> search(AuditLogFilter filter, AuditLogCursor after, int first) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) {
                throw new UnsupportedOperationException();
            }
        };
        for (int alias = 0; alias < 50; alias++) {
            once.verify(null);
        }
        assertThat(verifications[0]).isEqualTo(1);
    }
}
