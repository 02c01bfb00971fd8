package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilesAfterTransactionTest {

    @Test
    void aWritersHoldIsLetGoOnlyOnceTheTransactionRecordingItsFilesHasEnded() {
        List<Synchronization> registered = new ArrayList<>();
        FilesAfterTransaction after = new FilesAfterTransaction();
        after.registry = inATransaction(registered);
        after.uncommitted = new UncommittedSegments();
        after.uncommitted.hold(List.of("crm/accounts/data/a.webm", "crm/accounts/data/b.webm"));

        after.releaseAfterTransaction(List.of("crm/accounts/data/a.webm"));
        assertThat(after.uncommitted.holds("crm/accounts/data/a.webm"))
                .as("the recording is not visible to the cleanup yet")
                .isTrue();

        registered.forEach(sync -> sync.beforeCompletion());
        assertThat(after.uncommitted.holds("crm/accounts/data/a.webm")).isTrue();
        registered.forEach(sync -> sync.afterCompletion(Status.STATUS_COMMITTED));
        assertThat(after.uncommitted.holds("crm/accounts/data/a.webm")).isFalse();
        assertThat(after.uncommitted.holds("crm/accounts/data/b.webm")).isTrue();
    }

    @Test
    void aRolledBackTransactionLetsItsFilesGoToo() {
        List<Synchronization> registered = new ArrayList<>();
        FilesAfterTransaction after = new FilesAfterTransaction();
        after.registry = inATransaction(registered);
        after.uncommitted = new UncommittedSegments();
        after.uncommitted.hold(List.of("crm/accounts/data/a.webm"));

        after.releaseAfterTransaction(List.of("crm/accounts/data/a.webm"));
        registered.forEach(sync -> sync.afterCompletion(Status.STATUS_ROLLEDBACK));

        assertThat(after.uncommitted.size()).isZero();
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
