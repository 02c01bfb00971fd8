package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;

/**
 * The real {@link OperationGate} for one caller with these roles and purpose, with what the EJB
 * container adds: its {@code @RolesAllowed} refuses a caller holding none of the lakehouse's roles.
 */
final class CallerGate extends OperationGate {
    private final Set<String> roles;

    CallerGate(Set<String> roles, AuditPurpose purpose) {
        this.roles = Set.copyOf(roles);
        Principal caller = () -> "golden-user";
        AuditContext audit = new AuditContext();
        audit.set(purpose, purpose != AuditPurpose.USER_VIEW, "127.0.0.1");
        inject(
                "session",
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {SessionContext.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "getCallerPrincipal" -> caller;
                            case "isCallerInRole" -> this.roles.contains((String) args[0]);
                            default -> throw new UnsupportedOperationException(method.getName());
                        }));
        inject(
                "context",
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Instance.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "get" -> audit;
                            default -> throw new UnsupportedOperationException(method.getName());
                        }));
    }

    private void inject(String field, Object value) {
        try {
            Field f = OperationGate.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(this, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OperationGate has no field " + field, e);
        }
    }

    private void rolesAllowed() {
        if (Arrays.stream(Role.values()).noneMatch(r -> roles.contains(r.roleName()))) {
            throw new EJBAccessException("not in a role of @RolesAllowed");
        }
    }

    @Override
    public Set<Role> enter(String operation) throws ForbiddenException {
        rolesAllowed();
        return super.enter(operation);
    }

    @Override
    public void requireRows(String namespace, Classification classification) throws ForbiddenException {
        rolesAllowed();
        super.requireRows(namespace, classification);
    }
}
