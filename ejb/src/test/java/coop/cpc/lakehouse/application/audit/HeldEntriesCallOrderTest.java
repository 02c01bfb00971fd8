package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A read-only request that holds its audit entries until its answer: its audited reads beyond the bound of held
 * entries and its refusals reach the trail in call order, not ahead of the entries held before them.
 */
class HeldEntriesCallOrderTest {

    @Test
    void moreReadsThanARequestHoldsAndARefusalReachTheTrailInCallOrder() throws Exception {
        RecordingLog log = new RecordingLog();
        RequestAuditEntries request = new RequestAuditEntries();
        AuditTrail trail = trail(log, request);
        AuditInterceptor interceptor = interceptor(trail, request);
        List<String> calls = new ArrayList<>();

        request.holdUntilAnswered(); // As the web filter does for a query-only request.
        int reads = RequestAuditEntries.MAX_HELD + 6;
        for (int i = 0; i < reads - 1; i++) {
            UUID asset = UUID.randomUUID();
            interceptor.audit(readCall(asset));
            calls.add(asset.toString());
        }
        trail.refused("AssetApi.asset", AuditAction.READ, "forbidden", "refused-field");
        calls.add("refused-field");
        UUID last = UUID.randomUUID();
        interceptor.audit(readCall(last));
        calls.add(last.toString());
        trail.recordAll(request.release()); // As the web filter does before it sends the answer.

        assertThat(log.entries).extracting(AuditLogEntry::getResourceId).containsExactlyElementsOf(calls);
        for (int i = 1; i < log.entries.size(); i++) {
            assertThat(log.entries.get(i).getPrevHash())
                    .isEqualTo(log.entries.get(i - 1).getHash());
        }
    }

    static AuditTrail trail(AuditLogRepository log, RequestAuditEntries request) {
        AuditTrail trail = new AuditTrail();
        trail.transaction = new NoTransaction();
        trail.callers = new Alice();
        trail.context = RequestScopedBean.noRequest();
        trail.heldEntries = new RequestScopedBean<>(request);
        trail.log = log;
        trail.settings = LakehouseSettings.from(name -> Optional.empty());
        trail.init();
        return trail;
    }

    private static AuditInterceptor interceptor(AuditTrail trail, RequestAuditEntries request) {
        AuditInterceptor interceptor = new AuditInterceptor();
        interceptor.trail = trail;
        interceptor.callers = new Alice();
        interceptor.context = RequestScopedBean.noRequest();
        interceptor.heldEntries = new RequestScopedBean<>(request);
        return interceptor;
    }

    /** An audited read of one asset. */
    public static class Reads {
        @Audited(action = AuditAction.READ, resource = "asset")
        public Object read(UUID asset) {
            return null;
        }
    }

    /** The interceptor's view of a call of {@link Reads#read}. */
    private static InvocationContext readCall(UUID asset) throws NoSuchMethodException {
        Method read = Reads.class.getMethod("read", UUID.class);
        return (InvocationContext) Proxy.newProxyInstance(
                InvocationContext.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getTarget" -> new Reads();
                    case "getMethod" -> read;
                    case "getParameters" -> new Object[] {asset};
                    case "getContextData" -> Map.of();
                    default -> null;
                });
    }

    private static final class Alice extends AuditedCallers {
        @Override
        public AuditedCaller current() {
            return new AuditedCaller("alice", Set.of("analyst"));
        }
    }

    static class RecordingLog implements AuditLogRepository {
        final List<AuditLogEntry> entries = new ArrayList<>();
        /** Entries a purge may delete (not in {@link #entries}), and the limit of every purge call. */
        int expiredEntries;

        final List<Integer> purgeLimits = new ArrayList<>();
        /** The instant every purge call was given. */
        final List<Instant> purgeCutoffs = new ArrayList<>();

        @Override
        public Optional<AuditLogEntry> find(UUID id) {
            return entries.stream().filter(e -> e.getId().equals(id)).findFirst();
        }

        @Override
        public Optional<AuditLogEntry> findChainHead() {
            return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
        }

        @Override
        public Optional<AuditLogEntry> findSuccessor(String hash) {
            return Optional.empty();
        }

        @Override
        public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
            return List.of();
        }

        @Override
        public List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit) {
            return List.of();
        }

        @Override
        public void add(AuditLogEntry entry) {
            entries.add(entry);
        }

        @Override
        public Optional<AuditAnchor> findLatestAnchor() {
            return Optional.empty();
        }

        @Override
        public Optional<AuditAnchor> findAnchorAfter(Long anchorIdOrNull, String lastEntryHash) {
            return Optional.empty();
        }

        long nextAnchorId = 40;
        long anchorIdStep = 1;

        @Override
        public Optional<AuditPurgeBatch> purgeOccurredBefore(Instant instant, int limit) {
            purgeLimits.add(limit);
            purgeCutoffs.add(instant);
            int removed = Math.min(limit, expiredEntries);
            expiredEntries -= removed;
            if (removed == 0) {
                return Optional.empty();
            }
            // Anchor ids as a database sequence gives them, and another server's purge may take some meanwhile.
            nextAnchorId += anchorIdStep;
            return Optional.of(new AuditPurgeBatch(removed, nextAnchorId, "anchor-" + nextAnchorId));
        }
    }

    /** Every append commits (a subclass may make a begin or commit fail as the real ones can). */
    static class NoTransaction implements UserTransaction {
        int commits;

        @Override
        public void begin() throws SystemException {}

        @Override
        public void commit() throws RollbackException {
            commits++;
        }

        @Override
        public void rollback() {}

        @Override
        public void setRollbackOnly() {}

        @Override
        public int getStatus() {
            return Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public void setTransactionTimeout(int seconds) {}
    }
}
