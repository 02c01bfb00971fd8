package coop.cpc.lakehouse.application.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JMX attribute that shows what a run read (LastFailure: a failed run's exit status may quote a record) is read
 * through an audited method on behalf of the JMX caller, as the GraphQL queries of the same data are.
 */
class ManagementBeansAuditTest {
    private final ManagementBeans beans = new ManagementBeans();

    @AfterEach
    void unregister() {
        beans.unregister();
    }

    @Test
    void lastFailureIsAnAuditedReadOfTheJobExecution() throws Exception {
        Audited audited = IngestionActivity.class.getMethod("lastFailure").getAnnotation(Audited.class);

        assertThat(audited).as("IngestionActivity.lastFailure is audited").isNotNull();
        assertThat(audited.action()).isEqualTo(AuditAction.READ);
        assertThat(audited.resource()).isEqualTo("job_execution");
    }

    @Test
    void theAuditEntryOfALastFailureReadNamesTheExecutionItShows() {
        IngestionActivity activity = new IngestionActivity();
        activity.ended("file-drop-ingestion", 42, "COMPLETED", "COMPLETED", null);
        activity.ended("file-drop-ingestion", 41, "FAILED", "FAILED: bad date in row 3", null);
        activity.ended("file-drop-ingestion", 43, "COMPLETED", "COMPLETED", null);

        LastFailure last = activity.lastFailure();

        assertThat(last.text())
                .startsWith("execution 41 of file-drop-ingestion at ")
                .endsWith(": FAILED: bad date in row 3");
        assertThat(last.auditResourceId()).isEqualTo("41");
        assertThat(last.auditDetails()).isEqualTo(Map.of("executionId", 41L));
    }

    @Test
    void lastFailureIsReadOnBehalfOfTheJmxCallerAndItsErrorsCarryWordsOnly() throws Exception {
        beans.activity = new IngestionActivity() {
            @Override
            public LastFailure lastFailure() {
                throw new IllegalStateException("the audit trail is unreachable: patient 4711 at jdbc:postgresql://db");
            }
        };
        beans.register();

        Throwable read = catchThrowable(() -> ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(ManagementBeans.DOMAIN, "type", "Ingestion"), "LastFailure"));

        assertThat(read).isInstanceOf(RuntimeMBeanException.class);
        assertThat(read.getCause())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LastFailure failed (incident ")
                .hasMessageNotContaining("4711");
    }
}
