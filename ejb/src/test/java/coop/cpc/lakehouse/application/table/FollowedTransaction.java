package coop.cpc.lakehouse.application.table;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction outside a container, for the code that registers what runs when it ends ({@link
 * FilesAfterTransaction}): a test ends it the way it means to ({@link #end}).
 */
public final class FollowedTransaction implements TransactionSynchronizationRegistry {
    private final List<Synchronization> registered = new ArrayList<>();

    /** Ends the transaction the given way ({@link Status#STATUS_COMMITTED}, STATUS_ROLLEDBACK). */
    public void end(int status) {
        List<Synchronization> ending = List.copyOf(registered);
        registered.clear();
        ending.forEach(Synchronization::beforeCompletion);
        ending.forEach(s -> s.afterCompletion(status));
    }

    @Override
    public Object getTransactionKey() {
        return "tx";
    }

    @Override
    public void putResource(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getResource(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerInterposedSynchronization(Synchronization synchronization) {
        registered.add(synchronization);
    }

    @Override
    public int getTransactionStatus() {
        return Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean getRollbackOnly() {
        return false;
    }
}
