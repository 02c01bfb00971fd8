package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refused call's entry names the resource its {@code id}, {@code assetId} or {@code executionId} argument gave only
 * if that argument is an id: whatever else a caller typed there (a name, a birth date) would otherwise be kept verbatim
 * in {@code resource_id}, hashed into the chain and exported.
 */
class InternalErrorInterceptorTest {

    private final List<String> resourceIds = new ArrayList<>();

    @Test
    void anExecutionIdThatIsNoNumberIsNotRecorded() throws Exception {
        Method stop = IngestionJobApi.class.getMethod("stopJobExecution", String.class);

        refuse(stop, "Jane Doe 1970-01-01", new ForbiddenException());
        refuse(stop, "12345678901234567890", new ForbiddenException());
        refuse(stop, "42", new ForbiddenException());

        assertThat(resourceIds).containsExactly(null, null, "42");
    }

    @Test
    void anIdOrAssetIdThatIsNoUuidIsNotRecorded() throws Exception {
        Method asset = AssetApi.class.getMethod("asset", String.class, String.class, String.class);
        Method compact = TableApi.class.getMethod("compactAsset", String.class);
        String uuid = "0b8f7a52-6f1e-4c1a-9d35-2f6f3c1b9a10";

        refuse(asset, "123-45-6789", new InvalidInputException("id is not an id"));
        refuse(compact, "Jane Doe", new ForbiddenException());
        refuse(compact, uuid.toUpperCase(), new ForbiddenException());

        assertThat(resourceIds).containsExactly(null, null, uuid);
    }

    private void refuse(Method method, String argument, Exception refusal) throws Exception {
        InternalErrorInterceptor interceptor = new InternalErrorInterceptor();
        interceptor.trail = new AuditTrail() {
            @Override
            public void refused(
                    String operation, AuditAction action, String resourceType, String reasonCode, String resourceId) {
                resourceIds.add(resourceId);
            }
        };
        @SuppressWarnings("unchecked")
        Instance<AuditContext> outsideARequest = (Instance<AuditContext>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Instance.class}, (proxy, m, args) -> {
                    throw new ContextNotActiveException("no request");
                });
        interceptor.context = outsideARequest;
        Object[] arguments = new Object[method.getParameterCount()];
        arguments[0] = argument;
        InvocationContext refused = (InvocationContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getParameters" -> arguments;
                    case "proceed" -> throw refusal;
                    default -> throw new UnsupportedOperationException(m.getName());
                });

        assertThatThrownBy(() -> interceptor.hideInternalErrors(refused)).isInstanceOf(refusal.getClass());
    }
}
