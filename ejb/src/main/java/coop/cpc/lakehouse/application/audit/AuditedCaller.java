package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.security.Role;
import jakarta.ejb.EJBContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who calls, as the audit trail sees it: the principal's name (never stored: the trail keeps a
 * keyed pseudonym) and which of the lakehouse's roles the caller holds.
 *
 * @param name  the principal's name, or null when there is none
 * @param roles the caller's roles among {@link #ROLES}, sorted
 */
public record AuditedCaller(String name, Set<String> roles) {

    /** The roles the lakehouse knows, as {@link Role} names them. */
    public static final List<String> ROLES =
            Arrays.stream(Role.values()).map(Role::roleName).toList();

    /** The name the server gives a caller without credentials. */
    public static final String ANONYMOUS = "anonymous";

    public AuditedCaller {
        roles = Set.copyOf(new TreeSet<>(roles));
    }

    /** The caller of the current EJB invocation, with each known role asked of the container. */
    public static AuditedCaller of(EJBContext context) {
        Principal principal = context.getCallerPrincipal();
        Set<String> held = new TreeSet<>();
        for (String role : ROLES) {
            try {
                if (context.isCallerInRole(role)) {
                    held.add(role);
                }
            } catch (IllegalStateException notAskable) {
                // No security context for this invocation (e.g. a timer): the caller holds no role.
            }
        }
        return new AuditedCaller(principal == null ? null : principal.getName(), held);
    }

    public boolean anonymous() {
        return name == null || ANONYMOUS.equals(name);
    }

    /** As stored in {@code actor_role}: the roles comma-separated, or "anonymous" / "none". */
    public String rolesText() {
        if (!roles.isEmpty()) {
            return String.join(",", new TreeSet<>(roles));
        }
        return anonymous() ? ANONYMOUS : "none";
    }
}
