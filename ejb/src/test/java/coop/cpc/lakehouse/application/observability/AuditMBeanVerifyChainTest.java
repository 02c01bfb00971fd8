package coop.cpc.lakehouse.application.observability;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.audit.AuditExport;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** verifyChain over JMX says how many entries do not verify and names the first ones, as auditChain does. */
class AuditMBeanVerifyChainTest {
    private final ManagementBeans beans = new ManagementBeans();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void unregister() {
        beans.unregister();
    }

    @Test
    void aBrokenChainIsDescribedByEveryBrokenEntryCountedAndTheFirstOnesNamed() throws Exception {
        List<String> ids = IntStream.range(0, AuditVerification.LISTED_BROKEN_ENTRIES)
                .mapToObj(i -> new UUID(0, i).toString())
                .toList();
        beans.chain = answering(new AuditVerification(false, 5_000, 150, ids, false));
        beans.register();
        ObjectName audit = new ObjectName(ManagementBeans.DOMAIN, "type", "Audit");

        assertThat(server.getAttribute(audit, "BrokenEntries")).isNull();
        String answer = (String) server.invoke(audit, "verifyChain", new Object[0], new String[0]);

        assertThat(answer)
                .startsWith("broken at entry " + ids.get(0) + " (150 of 5000 entries checked do not verify; the first"
                        + " 100: " + ids.get(0) + ", " + ids.get(1) + ", ")
                .endsWith(ids.get(99) + ")");
        assertThat(server.getAttribute(audit, "ChainIntact")).isEqualTo(Boolean.FALSE);
        assertThat(server.getAttribute(audit, "BrokenEntries")).isEqualTo(150L);
    }

    @Test
    void aChainWithFewBrokenEntriesNamesThemAll() {
        String first = new UUID(0, 1).toString();
        String second = new UUID(0, 2).toString();

        assertThat(ManagementBeans.describe(new AuditVerification(false, 7, 2, List.of(first, second), false)))
                .isEqualTo("broken at entry " + first + " (2 of 7 entries checked do not verify; " + first + ", "
                        + second + ")");
        assertThat(ManagementBeans.describe(AuditVerification.intact(7))).isEqualTo("intact: 7 entries checked");
    }

    private static AuditService answering(AuditVerification result) {
        return new AuditService() {
            @Override
            public AuditVerification verify(String publishedHead) {
                return result;
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
    }
}
