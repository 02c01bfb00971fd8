package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * The EJB façade every GraphQL operation passes before it runs. Its roles come from the EJB
 * container (the MicroProfile JWT's {@code groups}): role checks on CDI GraphQL beans are ignored
 * when SmallRye GraphQL is bundled in the WAR, an EJB's are not. {@code @RolesAllowed} keeps out
 * callers with none of the lakehouse's roles; {@link OperationRoles} and {@link PurposePolicy}
 * then decide per operation and purpose.
 */
@Stateless
@DeclareRoles({"viewer", "analyst", "researcher", "operator", "admin", "auditor"})
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OperationGate {
    private static final String ANONYMOUS = "anonymous";

    @Resource
    SessionContext session;

    @Inject
    Instance<RequestPurpose> context;

    /**
     * Lets the caller run {@code operation} with the purpose its request declared.
     *
     * @return the caller's roles
     * @throws ForbiddenException when no role of the caller may run the operation with that purpose,
     *                            or the operation is not in the table
     */
    @RolesAllowed({"viewer", "analyst", "researcher", "operator", "admin", "auditor"})
    public Set<Role> enter(String operation) throws ForbiddenException {
        OperationRoles allowed = OperationRoles.byOperation(operation).orElseThrow(ForbiddenException::new);
        Set<Role> roles = callerRoles();
        if (!PurposePolicy.allows(allowed, roles, purpose())) {
            throw new ForbiddenException();
        }
        return roles;
    }

    /** Lets the caller read the rows of an asset of this namespace and classification. */
    @RolesAllowed({"viewer", "analyst", "researcher", "operator", "admin", "auditor"})
    public void requireRows(String namespace, Classification classification) throws ForbiddenException {
        AuditPurpose purpose = purpose();
        boolean allowed = callerRoles().stream()
                .anyMatch(role -> OperationRoles.ROWS.allows(role)
                        && PurposePolicy.allows(role, purpose)
                        && RowAccessPolicy.allows(role, namespace, classification));
        if (!allowed) {
            throw new ForbiddenException();
        }
    }

    /** The lakehouse roles the caller holds; none for an anonymous caller. */
    @PermitAll
    public Set<Role> callerRoles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!authenticated()) {
            return roles;
        }
        for (Role role : Role.values()) {
            if (session.isCallerInRole(role.roleName())) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** False for a call without a (valid) token. */
    @PermitAll
    public boolean authenticated() {
        return session.getCallerPrincipal() != null
                && !ANONYMOUS.equals(session.getCallerPrincipal().getName());
    }

    private AuditPurpose purpose() {
        try {
            return context.get().purpose();
        } catch (ContextNotActiveException outsideARequest) {
            return AuditPurpose.DATA_SYNC;
        }
    }
}
