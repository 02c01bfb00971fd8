package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PurposeRulesTest {

    @Test
    void researchIsOnlyForResearchers() {
        assertThat(PurposeRules.allows(Set.of("researcher"), AuditPurpose.RESEARCH))
                .isTrue();
        for (String role : AuditedCaller.ROLES) {
            if (!role.equals("researcher")) {
                assertThat(PurposeRules.allows(Set.of(role), AuditPurpose.RESEARCH))
                        .as(role)
                        .isFalse();
            }
        }
    }

    @Test
    void aCallerWithoutRolesMayUseOnlyTheDefaultPurpose() {
        for (AuditPurpose purpose : AuditPurpose.values()) {
            assertThat(PurposeRules.allows(Set.of(), purpose))
                    .as(purpose.name())
                    .isEqualTo(purpose == AuditPurpose.USER_VIEW);
        }
    }

    @Test
    void anyOfTheCallersRolesMayAllowThePurpose() {
        assertThat(PurposeRules.allows(Set.of("viewer"), AuditPurpose.MACHINE_LEARNING))
                .isFalse();
        assertThat(PurposeRules.allows(Set.of("viewer", "analyst"), AuditPurpose.MACHINE_LEARNING))
                .isTrue();
        assertThat(PurposeRules.allows(Set.of("not-a-role"), AuditPurpose.ADMIN))
                .isFalse();
    }

    @Test
    void everyKnownRoleHasPurposesAndEveryRoleMayUseTheDefault() {
        for (String role : AuditedCaller.ROLES) {
            assertThat(PurposeRules.of(role)).as(role).contains(AuditPurpose.USER_VIEW);
        }
    }
}
