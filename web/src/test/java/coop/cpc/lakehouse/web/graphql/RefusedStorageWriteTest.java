package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Mutation;
import org.junit.jupiter.api.Test;

/**
 * A write the segment folder refused reaches {@link InternalErrorInterceptor} wrapped in runtime failures (the file
 * code's unchecked I/O error, the container's EJBException) from paths that do not hand it over as the domain error
 * themselves (compaction, a new asset's folder): the client gets {@code storage-not-owned}, not an incident id.
 */
class RefusedStorageWriteTest {
    private static final UUID THIS_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    private static final UUID OTHER_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000f2");

    private final List<String> refusals = new ArrayList<>();

    @Test
    void aWrappedRefusalReachesTheClientAsStorageNotOwnedNamingTheKeyAndBothCatalogs() throws Exception {
        SegmentFolderRefusedException refusal = new SegmentFolderRefusedException(
                new StorageVerdict(StorageVerdict.Kind.FOREIGN, THIS_CATALOG, OTHER_CATALOG, null));
        RuntimeException wrapped = new EJBException(new UncheckedIOException("Cannot write a segment of a.b", refusal));

        assertThatThrownBy(() -> interceptor().hideInternalErrors(invocation(wrapped)))
                .isInstanceOfSatisfying(StorageNotOwnedException.class, e -> {
                    assertThat(e.code()).isEqualTo("storage-not-owned");
                    assertThat(e.verdict().markerId()).isEqualTo(OTHER_CATALOG);
                })
                .hasMessageStartingWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of"
                        + " catalog " + OTHER_CATALOG + ", and this catalog is " + THIS_CATALOG + ":");
        assertThat(refusals).containsExactly("Api.compactAsset MANAGE storage-not-owned");
    }

    @Test
    void anotherRuntimeFailureStaysAnInternalError() {
        RuntimeException other = new EJBException(new UncheckedIOException(new java.io.IOException("disk full")));

        assertThatThrownBy(() -> interceptor().hideInternalErrors(invocation(other)))
                .isInstanceOf(InternalServerError.class)
                .hasMessageNotContaining("disk full");
        assertThat(refusals).isEmpty();
    }

    /** An API method the interceptor sees (a mutation whose service records a MANAGE, and so does its refusal). */
    static final class Api {
        @Mutation
        public void compactAsset() {}
    }

    private InternalErrorInterceptor interceptor() {
        InternalErrorInterceptor interceptor = new InternalErrorInterceptor();
        interceptor.trail = new AuditTrail() {
            @Override
            public void refused(
                    String operation, AuditAction action, String resourceType, String reasonCode, String resourceId) {
                refusals.add(operation + " " + action + " " + reasonCode);
            }
        };
        @SuppressWarnings("unchecked")
        Instance<AuditContext> outsideARequest = (Instance<AuditContext>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Instance.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        throw new ContextNotActiveException("no request");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        interceptor.context = outsideARequest;
        return interceptor;
    }

    private static InvocationContext invocation(RuntimeException failure) throws NoSuchMethodException {
        Method method = Api.class.getMethod("compactAsset");
        return (InvocationContext) Proxy.newProxyInstance(
                RefusedStorageWriteTest.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getParameters" -> new Object[0];
                    case "proceed" -> throw failure;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
