package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which purposes each role may declare (header {@code X-Lakehouse-Purpose}). A caller may use a
 * purpose that any of its roles allows; USER_VIEW, the default, is open to every caller. A
 * purpose no role allows is refused, never obeyed: otherwise a caller could choose an
 * anonymizing purpose to drop itself from the trail.
 */
public final class PurposeRules {
    private static final Map<String, Set<AuditPurpose>> BY_ROLE = Map.of(
            "viewer", EnumSet.of(AuditPurpose.USER_VIEW),
            "analyst", EnumSet.of(AuditPurpose.USER_VIEW, AuditPurpose.ANALYTICS, AuditPurpose.MACHINE_LEARNING),
            "researcher", EnumSet.of(AuditPurpose.USER_VIEW, AuditPurpose.RESEARCH, AuditPurpose.MACHINE_LEARNING),
            "operator", EnumSet.of(AuditPurpose.USER_VIEW, AuditPurpose.DATA_SYNC, AuditPurpose.ADMIN),
            "admin", EnumSet.of(AuditPurpose.USER_VIEW, AuditPurpose.ADMIN, AuditPurpose.DATA_SYNC,
                    AuditPurpose.PROVIDER_ACCESS),
            "auditor", EnumSet.of(AuditPurpose.USER_VIEW, AuditPurpose.ADMIN));

    private PurposeRules() {
    }

    public static boolean allows(Set<String> roles, AuditPurpose purpose) {
        if (purpose == AuditPurpose.USER_VIEW) {
            return true;
        }
        return roles.stream().map(BY_ROLE::get).anyMatch(purposes -> purposes != null && purposes.contains(purpose));
    }

    /** The purposes the role may use (empty for a role this table does not know). */
    public static Set<AuditPurpose> of(String role) {
        return BY_ROLE.getOrDefault(role, Set.of());
    }
}
