package coop.cpc.lakehouse.web.graphql;

import io.smallrye.graphql.spi.LookupService;
import io.smallrye.graphql.spi.ManagedInstance;

/**
 * Hands SmallRye the API objects of the request {@link InProcessGraphQl} runs, wired to fakes, in
 * place of CDI. Found through {@code META-INF/services}; SmallRye prefers a lookup outside its own
 * packages, and the test classes come first on the class path.
 */
public class FakeApiLookup implements LookupService {

    @Override
    public String getName() {
        return "golden tests: API objects wired to fake services";
    }

    @Override
    public <T> ManagedInstance<T> getInstance(Class<T> type) {
        T instance = InProcessGraphQl.currentRequest().api(type);
        return () -> instance;
    }

    @Override
    public boolean isResolvable(Class<?> type) {
        return true;
    }
}
