package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
