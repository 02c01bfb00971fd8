package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.Principal;
import java.security.PrivilegedExceptionAction;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class ManagementCallerTest {

    @Test
    void namesTheCallerOnlyInsideTheCallAndFallsBackToJmx() throws Exception {
        assertThat(ManagementCaller.current()).isNull();
        assertThat(ManagementCaller.call("ops-user", ManagementCaller::current)).isEqualTo("ops-user");
        assertThat(ManagementCaller.call(null, ManagementCaller::current)).isEqualTo(ManagementCaller.JMX);
        assertThat(ManagementCaller.call(" ", ManagementCaller::current)).isEqualTo(ManagementCaller.JMX);
        assertThat(ManagementCaller.current()).isNull();
    }

    @Test
    void anInnerCallRestoresTheOuterCallerAndAFailureClearsIt() throws Exception {
        String seen = ManagementCaller.call("outer", () -> {
            ManagementCaller.call("inner", ManagementCaller::current);
            return ManagementCaller.current();
        });
        assertThat(seen).isEqualTo("outer");
        assertThatThrownBy(() -> ManagementCaller.call("failing", () -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(ManagementCaller.current()).isNull();
    }

    @Test
    void aJmxOperationRunsAsTheConnectorsSubjectElseAsJmx() throws Exception {
        Principal operator = () -> "ops-user";
        Subject subject = new Subject(true, Set.of(operator), Set.of(), Set.of());
        PrivilegedExceptionAction<String> asSubject =
                () -> ManagementCaller.asJmxCaller("stopExecution", ManagementCaller::current);

        assertThat(Subject.doAs(subject, asSubject)).isEqualTo("ops-user");
        assertThat(ManagementCaller.asJmxCaller("stopExecution", ManagementCaller::current))
                .isEqualTo(ManagementCaller.JMX);
        assertThat(ManagementCaller.current()).isNull();
    }

    @Test
    void aRefusalReachesTheJmxClientAsAnIllegalArgumentWithItsWords() {
        assertThatThrownBy(() -> ManagementCaller.asJmxCaller(
                        "stopExecution",
                        () -> {
                            throw new IOException("no execution 42");
                        },
                        IOException.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("no execution 42")
                .hasNoCause();
    }

    @Test
    void anUnexpectedFailureReachesTheJmxClientAsAnIncidentIdWithoutItsText() {
        assertThatThrownBy(() -> ManagementCaller.asJmxCaller("verifyChain", () -> {
                    throw new IllegalStateException("ERROR: relation lakehouse.audit_logs does not exist");
                }))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageMatching("verifyChain failed \\(incident [0-9a-f]{8}; the server log has the cause\\)")
                .hasNoCause();
        assertThat(ManagementCaller.current()).isNull();
    }
}
