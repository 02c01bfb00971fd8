package coop.cpc.lakehouse.application.security;

import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.ADMIN;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.ANALYTICS;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.DATA_SYNC;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.MACHINE_LEARNING;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.PROVIDER_ACCESS;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.RESEARCH;
import static coop.cpc.lakehouse.catalog.audit.AuditPurpose.USER_VIEW;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The purposes (header {@code X-Lakehouse-Purpose}) each role may declare. A purpose decides how
 * much of the caller the audit trail keeps, so the caller's role decides which purposes it may
 * claim: RESEARCH only for researchers, ANALYTICS and MACHINE_LEARNING only for analysts, and so on.
 * A call is allowed when ONE of the caller's roles both may run the operation and may use the purpose.
 */
public final class PurposePolicy {
    private static final Map<Role, Set<AuditPurpose>> PURPOSES = new EnumMap<>(Role.class);

    static {
        PURPOSES.put(Role.VIEWER, EnumSet.of(USER_VIEW));
        PURPOSES.put(Role.ANALYST, EnumSet.of(USER_VIEW, ANALYTICS, MACHINE_LEARNING));
        PURPOSES.put(Role.RESEARCHER, EnumSet.of(USER_VIEW, RESEARCH));
        PURPOSES.put(Role.OPERATOR, EnumSet.of(USER_VIEW, DATA_SYNC, ADMIN));
        PURPOSES.put(Role.ADMIN, EnumSet.of(USER_VIEW, ADMIN, PROVIDER_ACCESS, DATA_SYNC));
        PURPOSES.put(Role.AUDITOR, EnumSet.of(USER_VIEW, ADMIN));
    }

    private PurposePolicy() {}

    /** The purposes the role may declare. */
    public static Set<AuditPurpose> purposes(Role role) {
        return Collections.unmodifiableSet(PURPOSES.get(role));
    }

    public static boolean allows(Role role, AuditPurpose purpose) {
        return PURPOSES.get(role).contains(purpose);
    }

    /** True when one of {@code callerRoles} may run the operation with this purpose. */
    public static boolean allows(OperationRoles operation, Collection<Role> callerRoles, AuditPurpose purpose) {
        return callerRoles.stream().anyMatch(role -> operation.allows(role) && allows(role, purpose));
    }
}
