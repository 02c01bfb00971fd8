package coop.cpc.lakehouse.application.asset;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotRemovalsTest {

    @Test
    void aRequestThatBeganBeforeARemovalIsToldSo() {
        SnapshotRemovals removals = new SnapshotRemovals();
        RequestAssets request = new RequestAssets(removals);
        request.markReadOnly();
        assertThat(request.nothingRemovedSinceStart()).isTrue();

        removals.begin();
        removals.end();

        assertThat(request.nothingRemovedSinceStart()).isFalse();
    }

    @Test
    void aDeletionCountsAsUnderWayUntilItsTransactionHasEnded() {
        List<Synchronization> registered = new ArrayList<>();
        SnapshotRemovals removals = new SnapshotRemovals();
        removals.registry = inATransaction(registered);

        removals.beginUntilTheTransactionEnds();
        RequestAssets beganDuring = new RequestAssets(removals);
        beganDuring.markReadOnly();
        assertThat(removals.settled()).isEqualTo(-1);

        registered.forEach(s -> s.afterCompletion(Status.STATUS_COMMITTED));
        RequestAssets beganAfter = new RequestAssets(removals);
        beganAfter.markReadOnly();

        assertThat(beganDuring.nothingRemovedSinceStart()).isFalse();
        assertThat(beganAfter.nothingRemovedSinceStart()).isTrue();
    }

    @Test
    void aRequestNotMarkedReadOnlyIsNeverToldNothingChanged() {
        assertThat(new RequestAssets(new SnapshotRemovals()).nothingRemovedSinceStart())
                .isFalse();
        RequestAssets outsideAContainer = new RequestAssets();
        outsideAContainer.markReadOnly();
        assertThat(outsideAContainer.nothingRemovedSinceStart()).isFalse();
    }

    /** A registry with an active transaction that keeps what is registered with it. */
    private static TransactionSynchronizationRegistry inATransaction(List<Synchronization> registered) {
        return (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getTransactionKey" -> "tx";
                    case "registerInterposedSynchronization" -> {
                        registered.add((Synchronization) arguments[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
