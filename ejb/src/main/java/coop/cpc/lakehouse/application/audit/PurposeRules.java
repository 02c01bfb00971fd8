package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.security.PurposePolicy;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.Optional;
import java.util.Set;

/**
 * Which purposes (header {@code X-Lakehouse-Purpose}) a caller may declare, by role names as the
 * audit trail holds them; the table itself is {@link PurposePolicy}. USER_VIEW, the default, is
 * open to every caller. A purpose no role allows is refused, never obeyed: otherwise a caller could
 * choose an anonymizing purpose to drop itself from the trail.
 */
public final class PurposeRules {

    private PurposeRules() {}

    public static boolean allows(Set<String> roles, AuditPurpose purpose) {
        if (purpose == AuditPurpose.USER_VIEW) {
            return true;
        }
        return roles.stream()
                .map(Role::byRoleName)
                .flatMap(Optional::stream)
                .anyMatch(role -> PurposePolicy.allows(role, purpose));
    }

    /** The purposes the role may use (empty for a role the lakehouse does not know). */
    public static Set<AuditPurpose> of(String role) {
        return Role.byRoleName(role).map(PurposePolicy::purposes).orElse(Set.of());
    }
}
