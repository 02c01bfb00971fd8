package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.audit.AuditExport;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AuditChainOnceTest {

    @Test
    void verifiesTheChainOncePerRequestHoweverOftenItIsAsked() throws Exception {
        int[] verifications = {0};
        AuditChainOnce once = once(verifications);
        for (int alias = 0; alias < 50; alias++) {
            once.verify(null);
        }
        assertThat(verifications[0]).isEqualTo(1);
    }

    @Test
    void aSecondHeadInOneRequestOrAHeadThatIsNoHashIsRefused() throws Exception {
        int[] verifications = {0};
        AuditChainOnce once = once(verifications);
        String head = "ab".repeat(32);
        once.verify(head);
        once.verify(head);

        assertThatThrownBy(() -> once.verify("cd".repeat(32)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one head");
        assertThatThrownBy(() -> once(verifications).verify("not-a-hash"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("64 lower-case hex digits");
        assertThat(verifications[0]).isEqualTo(1);
    }

    private static AuditChainOnce once(int[] verifications) {
        AuditChainOnce once = new AuditChainOnce();
        once.audit = new AuditService() {
            @Override
            public AuditVerification verify(String publishedHead) {
                verifications[0]++;
                return AuditVerification.intact(3);
            }

            @Override
            public Page<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor after, int first) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AuditExport export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) {
                throw new UnsupportedOperationException();
            }
        };
        return once;
    }
}
