package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stream's LastError over JMX (an engine's error may quote the source's data) is read through the audited
 * CdcStreamService, as GraphQL's lastError is, not from the runner directly.
 */
class StreamMetricsMBeanAuditTest {

    @Test
    void lastErrorIsReadThroughTheAuditedServiceOnBehalfOfTheJmxCaller() throws Exception {
        UUID streamId = UUID.randomUUID();
        List<UUID> asked = new ArrayList<>();
        CdcStreamService service = new CdcStreamService() {
            @Override
            public String lastError(UUID id) {
                asked.add(id);
                return "duplicate key value violates unique constraint: (id)=(4711)";
            }
        };
        StreamMetricsMBean bean = StreamMetricsMBean.register("audit_test", streamId, null, service);
        try {
            Object lastError = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(StreamMetricsMBean.objectName("audit_test"), "LastError");

            assertThat(lastError).isEqualTo("duplicate key value violates unique constraint: (id)=(4711)");
            assertThat(asked).containsExactly(streamId);
        } finally {
            bean.unregister();
        }
        Audited audited =
                CdcStreamService.class.getMethod("lastError", UUID.class).getAnnotation(Audited.class);
        assertThat(audited.action()).isEqualTo(AuditAction.READ);
        assertThat(audited.resource()).isEqualTo("cdc_stream");
    }
}
