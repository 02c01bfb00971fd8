package coop.cpc.lakehouse.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.audit.AuditEvent;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationErrorServletTest {

    @Test
    void manyRefusedTokensFromOneAddressAppendOneEntryAndThenOneWithTheirCount() throws Exception {
        Trail trail = new Trail();
        AuthenticationErrorServlet servlet = new AuthenticationErrorServlet();
        servlet.refusals = new UnauthenticatedRefusals();
        servlet.refusals.trail = trail;
        List<Integer> statuses = new ArrayList<>();

        for (int r = 0; r < 500; r++) {
            servlet.service(refused("203.0.113.7"), response(statuses));
        }
        servlet.service(refused("198.51.100.1"), response(statuses));

        assertThat(statuses).hasSize(501).containsOnly(401);
        assertThat(trail.appended).hasSize(2);
        assertThat(trail.appended).extracting(AuditEvent::sourceAddress).containsExactly("203.0.113.7", "198.51.100.1");
        assertThat(trail.appended.get(0).outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(trail.appended.get(0).caller().anonymous()).isTrue();
        assertThat(trail.appended.get(0).details()).contains("\"error\":\"unauthenticated\"", "\"count\":1");

        servlet.refusals.close();
        assertThat(trail.appended).hasSize(3);
        assertThat(trail.appended.get(2).sourceAddress()).isEqualTo("203.0.113.7");
        assertThat(trail.appended.get(2).details()).contains("\"count\":499");
    }

    /** The error dispatch of a request the container refused with 401. */
    private static HttpServletRequest refused(String address) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAttribute" -> RequestDispatcher.ERROR_STATUS_CODE.equals(arguments[0]) ? 401 : null;
                    case "getRemoteAddr" -> address;
                    default -> null;
                });
    }

    private static HttpServletResponse response(List<Integer> statuses) {
        PrintWriter body = new PrintWriter(new StringWriter());
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("setStatus")) {
                        statuses.add((Integer) arguments[0]);
                    }
                    return method.getName().equals("getWriter") ? body : null;
                });
    }

    static final class Trail extends AuditTrail {
        final List<AuditEvent> appended = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            appended.add(event);
        }
    }
}
