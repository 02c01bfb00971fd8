package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditedCallerTest {

    @Test
    void asksTheContainerForEachKnownRoleAndKeepsOnlyThoseHeld() {
        AuditedCaller caller = AuditedCaller.of(context("alice", Set.of("operator", "auditor", "superuser")));

        assertThat(caller.name()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactlyInAnyOrder("auditor", "operator");
        assertThat(caller.rolesText()).isEqualTo("auditor,operator");
        assertThat(caller.anonymous()).isFalse();
    }

    @Test
    void theUnauthenticatedCallerIsAnonymousWithoutRoles() {
        AuditedCaller caller = AuditedCaller.of(context("anonymous", Set.of()));

        assertThat(caller.anonymous()).isTrue();
        assertThat(caller.rolesText()).isEqualTo("anonymous");
        assertThat(AuditedCaller.of(context("bob", Set.of())).rolesText()).isEqualTo("none");
    }

    /** An EJBContext as the container gives one: a principal and isCallerInRole, nothing else used. */
    static EJBContext context(String name, Set<String> roles) {
        Principal principal = () -> name;
        return (EJBContext) Proxy.newProxyInstance(
                EJBContext.class.getClassLoader(),
                new Class<?>[] {EJBContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCallerPrincipal" -> principal;
                    case "isCallerInRole" -> roles.contains((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
