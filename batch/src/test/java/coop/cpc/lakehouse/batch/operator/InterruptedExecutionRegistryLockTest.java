package coop.cpc.lakehouse.batch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.batch.jberet.InterruptedExecutions;
import coop.cpc.lakehouse.batch.liberty.LibertyInterruptedExecutions;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Lock;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The registry's database update must not run under the singleton's container lock: an update waiting on a row lock
 * (a second abandon of the same execution) would hold every {@code isInterrupted} and {@code restarted} call for the
 * container's access timeout. The container is not started here; what is checked is what the container reads.
 */
class InterruptedExecutionRegistryLockTest {
    @Test
    void bothRuntimesRegistriesTakeNoContainerLock() {
        for (Class<?> registry : new Class<?>[] {InterruptedExecutions.class, LibertyInterruptedExecutions.class}) {
            ConcurrencyManagement management = registry.getAnnotation(ConcurrencyManagement.class);
            assertThat(management)
                    .as("%s's concurrency management", registry.getSimpleName())
                    .isNotNull();
            assertThat(management.value())
                    .as("%s's concurrency management", registry.getSimpleName())
                    .isEqualTo(ConcurrencyManagementType.BEAN);
        }
    }

    @Test
    void theRegistryDeclaresNoLockTheContainerWouldIgnore() {
        assertThat(Arrays.stream(InterruptedExecutionRegistry.class.getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(Lock.class))
                        .map(Method::getName))
                .isEmpty();
    }
}
