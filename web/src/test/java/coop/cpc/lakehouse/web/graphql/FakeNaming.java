package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI in the golden tests ({@code jndi.properties}): {@code java:comp/BeanManager} answers an audit
 * trail that records the refusals {@code RefusedQueryAudit} reports into the request's
 * {@link FakeServices#refusals}, as the server's trail would append them.
 */
public class FakeNaming implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        if (!"java:comp/BeanManager".equals(String.valueOf(args[0]))) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        yield beanManager();
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BeanManager beanManager() {
        Instance<?> trail = (Instance<?>) Proxy.newProxyInstance(
                FakeNaming.class.getClassLoader(),
                new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "select" -> proxy;
                    case "get" -> new RecordingTrail();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BeanManager) Proxy.newProxyInstance(
                FakeNaming.class.getClassLoader(),
                new Class<?>[] {BeanManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createInstance" -> trail;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Appends "operation action code" to the current request's refusals. */
    static final class RecordingTrail extends AuditTrail {
        @Override
        public void refused(String operation, AuditAction action, String reasonCode) {
            InProcessGraphQl.currentRequest().services().refusals.add(operation + " " + action + " " + reasonCode);
        }

        @Override
        public void refused(String operation, AuditAction action, String reasonCode, String resourceId) {
            refused(operation, action, reasonCode);
        }
    }
}
