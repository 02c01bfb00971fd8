package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.graphql.execution.event.InvokeInfo;
import io.smallrye.graphql.spi.EventingService;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Proxy;

/**
 * Runs the real {@link AuthorizationInterceptor} before every API method SmallRye invokes, as the
 * CDI interceptor binding {@code @Authorized} does on the server: no operation reaches a fake
 * service without passing the gate. Only active while {@link InProcessGraphQl} runs a request.
 */
public class GateBeforeInvoke implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    private static final LakehouseMetrics METRICS = new LakehouseMetrics(new SimpleMeterRegistry());

    @Override
    public void beforeInvoke(InvokeInfo invokeInfo) throws Exception {
        InProcessGraphQl.Request request = InProcessGraphQl.currentRequestOrNull();
        if (request == null) {
            return;
        }
        AuthorizationInterceptor interceptor = new AuthorizationInterceptor();
        interceptor.gate = request.gate();
        interceptor.metrics = METRICS;
        InvocationContext invocation = (InvocationContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> invokeInfo.getOperationMethod();
                    case "getTarget" -> invokeInfo.getOperationInstance();
                    case "getParameters" -> invokeInfo.getOperationTransformedArguments();
                    case "proceed" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        interceptor.authorize(invocation);
    }
}
