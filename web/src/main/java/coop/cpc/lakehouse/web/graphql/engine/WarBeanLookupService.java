package coop.cpc.lakehouse.web.graphql.engine;

import io.smallrye.graphql.spi.LookupService;
import io.smallrye.graphql.spi.ManagedInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the {@code @GraphQLApi} beans with this WAR's own BeanManager. SmallRye's default lookup
 * uses {@code CDI.current()}, which inside an EAR on WildFly may return another module's
 * BeanManager and fail with WELD-001334 (an unsatisfied {@code @GraphQLApi} bean).
 * SmallRye prefers a LookupService outside its own packages, so this one is chosen.
 */
public class WarBeanLookupService implements LookupService {
    private volatile BeanManager beanManager;

    @Override
    public String getName() {
        return "WAR BeanManager (lakehouse)";
    }

    @Override
    public <T> ManagedInstance<T> getInstance(Class<T> type) {
        Instance.Handle<T> handle = beanManager().createInstance().select(type).getHandle();
        return new ManagedInstance<>() {
            @Override
            public T get() {
                return handle.get();
            }

            @Override
            public void destroyIfNecessary() {
                handle.destroy();
            }
        };
    }

    @Override
    public boolean isResolvable(Class<?> type) {
        return beanManager().createInstance().select(type).isResolvable();
    }

    /**
     * java:comp/BeanManager names the BeanManager of the module whose thread asks; SmallRye first
     * asks from the WAR's start-up listener, so the WAR's one is cached.
     */
    private BeanManager beanManager() {
        BeanManager current = beanManager;
        if (current == null) {
            try {
                current = InitialContext.doLookup("java:comp/BeanManager");
            } catch (NamingException e) {
                throw new IllegalStateException("No CDI BeanManager for the GraphQL WAR", e);
            }
            beanManager = current;
        }
        return current;
    }
}
