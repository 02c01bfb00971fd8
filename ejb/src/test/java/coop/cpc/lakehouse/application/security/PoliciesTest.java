package coop.cpc.lakehouse.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    @Test
    void onlyResearchersMayDeclareResearch() {
        for (Role role : Role.values()) {
            assertThat(PurposePolicy.allows(role, AuditPurpose.RESEARCH))
                    .as(role.name())
                    .isEqualTo(role == Role.RESEARCHER);
        }
    }

    @Test
    void aPurposeCountsOnlyWithARoleThatMayAlsoRunTheOperation() {
        // An admin who is also a researcher cannot delete an asset "for research" to drop out of the trail.
        assertThat(PurposePolicy.allows(
                        OperationRoles.DELETE_ASSET, Set.of(Role.ADMIN, Role.RESEARCHER), AuditPurpose.RESEARCH))
                .isFalse();
        assertThat(PurposePolicy.allows(
                        OperationRoles.DELETE_ASSET, Set.of(Role.ADMIN, Role.RESEARCHER), AuditPurpose.ADMIN))
                .isTrue();
        assertThat(PurposePolicy.allows(
                        OperationRoles.ASSET, Set.of(Role.ADMIN, Role.RESEARCHER), AuditPurpose.RESEARCH))
                .isTrue();
    }

    @Test
    void analystsReadRowsUpToConfidential() {
        assertThat(List.of(Classification.values()))
                .filteredOn(c -> RowAccessPolicy.allows(Role.ANALYST, "crm", c))
                .containsExactly(Classification.PUBLIC, Classification.INTERNAL, Classification.CONFIDENTIAL);
    }

    @Test
    void researchersReadRowsOfTheResearchNamespaceOnly() {
        assertThat(RowAccessPolicy.allows(Role.RESEARCHER, "research", Classification.RESTRICTED))
                .isTrue();
        assertThat(RowAccessPolicy.allows(Role.RESEARCHER, "research", Classification.PHI))
                .isFalse();
        assertThat(RowAccessPolicy.allows(Role.RESEARCHER, "health", Classification.PUBLIC))
                .isFalse();
    }

    @Test
    void onlyRowReadingRolesReadRows() {
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.AUDITOR)) {
            assertThat(RowAccessPolicy.allows(role, "research", Classification.PUBLIC))
                    .as(role.name())
                    .isFalse();
            assertThat(OperationRoles.ROWS.allows(role)).as(role.name()).isFalse();
        }
        assertThat(RowAccessPolicy.allows(Role.ADMIN, "health", Classification.PHI))
                .isTrue();
    }

    @Test
    void theAuditorSeesTheAuditTrailAndNothingElse() {
        for (OperationRoles operation : OperationRoles.values()) {
            boolean auditOperation = operation == OperationRoles.AUDIT_CHAIN || operation == OperationRoles.AUDIT_LOG;
            assertThat(operation.allows(Role.AUDITOR)).as(operation.operation()).isEqualTo(auditOperation);
        }
    }

    @Test
    void everyRoleHasPurposesAndUserViewIsAlwaysOne() {
        for (Role role : Role.values()) {
            assertThat(PurposePolicy.purposes(role)).as(role.name()).contains(AuditPurpose.USER_VIEW);
            assertThat(Role.byRoleName(role.roleName())).contains(role);
        }
    }
}
