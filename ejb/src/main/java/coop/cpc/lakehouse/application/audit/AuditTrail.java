package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail's only writer in this server: appends entries in their own transactions (so a
 * call whose own transaction rolls back is still recorded), each hashing the one before. Entries
 * recorded concurrently are appended together, one transaction per group ({@link GroupCommit}),
 * and every caller waits until its own entry is committed: a read is on the trail before its data
 * is returned. Purges entries older than {@code audit_log_retention_days} daily, recording the
 * last purged entry as an anchor the chain verifies from. {@link #refused} records refusals
 * that happen before any audited service runs (web-layer validation, authorization, limits).
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int ATTEMPTS = 3;
    /** Entries waiting to be appended at once; callers beyond it wait for room. */
    private static final int QUEUED_ENTRIES = 4096;
    /** Entries one purge transaction deletes. */
    static final int PURGE_BATCH = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error codes of a refusal (outcome DENIED, the caller named whatever the purpose). */
    static final Set<String> DENIAL_CODES = Set.of("forbidden", "unauthenticated");

    @Resource
    UserTransaction transaction;

    @EJB
    AuditedCallers callers;

    @Inject
    Instance<AuditContext> context;

    @Inject
    Instance<RequestAuditEntries> heldEntries;

    @Inject
    AuditLogRepository log;

    @Inject
    LakehouseSettings settings;

    private GroupCommit<AuditEvent> appends;
    private Anonymizer anonymizer;
    // Read and written only by the one caller writing a group at a time (GroupCommit).
    private String head;
    private boolean headKnown;
    private Instant lastAt = Instant.EPOCH;
    /** The newest committed entry, and the one last written to the server log ({@link #publishHead}). */
    private volatile AuditLogEntry committedHead;

    private AuditLogEntry publishedHead;

    /**
     * The entries of the last commit that failed, by the event each records (identity), until an append tells
     * whether that commit went through: at most one group. Touched only by the one caller writing at a time.
     */
    private final Map<AuditEvent, AuditLogEntry> unconfirmed = new IdentityHashMap<>();

    @PostConstruct
    void init() {
        byte[] key = settings.auditPseudonymKey()
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warning(
                            "audit_pseudonym_key is not set: audit pseudonyms use a random key until the next restart");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        anonymizer = new Anonymizer(key);
        appends = new GroupCommit<>(QUEUED_ENTRIES, settings.auditGroupCommitEntries(), this::append);
    }

    /**
     * Records a refusal that no audited service saw: outcome DENIED for {@code forbidden} and
     * {@code unauthenticated}, ERROR for other codes (bad input, limits), as an audited service
     * would have recorded them; the current caller, the
     * request's purpose and address, the operation and a reason code (e.g. {@code forbidden},
     * {@code invalid-input}); never the request's values.
     *
     * @param operation what was asked, e.g. {@code AssetApi.createAsset} or {@code graphql}
     * @param action    what the operation would have done; anything but READ, and any denial, keeps the
     *                  pseudonym
     */
    @Lock(LockType.READ)
    public void refused(String operation, AuditAction action, String reasonCode) {
        refused(operation, action, reasonCode, null);
    }

    /** A refusal of a call that named a resource (e.g. the asset a refused delete named). */
    @Lock(LockType.READ)
    public void refused(String operation, AuditAction action, String reasonCode, String resourceId) {
        refused(operation, action, "api", reasonCode, resourceId);
    }

    /**
     * A refusal of an operation whose service would have recorded {@code resourceType} (e.g. {@code job_execution}
     * for a refused stopJobExecution): the entry sits with the resource's others, not under {@code api}.
     */
    @Lock(LockType.READ)
    public void refused(
            String operation, AuditAction action, String resourceType, String reasonCode, String resourceId) {
        AuditedCaller caller = callers.current();
        AuditContext request = AuditContext.current(context);
        AuditPurpose purpose = request == null ? AuditPurpose.DATA_SYNC : request.purpose();
        boolean declared = request != null && request.declared();
        String address = request == null ? null : request.sourceAddress();
        ObjectNode details = JSON.createObjectNode();
        details.put("operation", operation);
        details.put("error", reasonCode);
        boolean denied = DENIAL_CODES.contains(reasonCode);
        // A denial means no role of the caller allowed this operation with the declared purpose (one role must
        // allow both), even if some role allows the purpose: the entry keeps the caller like any refused purpose.
        record(new AuditEvent(
                caller,
                purpose,
                !declared || (!denied && PurposeRules.allows(caller.roles(), purpose)),
                action,
                resourceType,
                resourceId,
                denied ? AuditOutcome.DENIED : AuditOutcome.ERROR,
                address,
                details.toString()));
    }

    /**
     * Appends one entry and returns once it is committed: entries recorded concurrently commit
     * together, in one transaction and in the order they were queued (the chain order). In a request
     * that holds its entries ({@link RequestAuditEntries}) the entry joins them instead, so the
     * request's entries, refusals included, reach the trail in call order.
     */
    @Lock(LockType.READ)
    public void record(AuditEvent event) {
        RequestAuditEntries.record(heldEntries, event, appends::submitAll);
    }

    /**
     * Appends the entries of one request together, in one transaction and in list order, and returns once
     * they are committed ({@link RequestAuditEntries}).
     */
    @Lock(LockType.READ)
    public void recordAll(List<AuditEvent> events) {
        appends.submitAll(events);
    }

    /**
     * One transaction for a group of entries, each hashing the one before; the chain head is cached, and re-read after
     * any failure. A commit that fails may have committed all the same (the catalog database restarted, or the
     * connection broke, between its commit and its answer): its entries are held as unconfirmed ({@link #unwritten}),
     * and a later attempt, or the append of the same events again one submission at a time ({@link GroupCommit} does
     * that after a group fails), first looks for them, so they are never appended twice.
     */
    private void append(List<AuditEvent> events) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<AuditEvent> writing = List.of();
            List<AuditLogEntry> committing = List.of();
            try {
                transaction.begin();
                writing = unwritten(events);
                if (!headKnown) {
                    readHead();
                }
                String groupHead = head;
                Instant groupLastAt = lastAt;
                List<AuditLogEntry> written = new ArrayList<>();
                for (AuditEvent event : writing) {
                    AuditLogEntry entry = entry(event, groupHead, groupLastAt);
                    log.add(entry);
                    written.add(entry);
                    groupHead = entry.getHash();
                    groupLastAt = entry.getOccurredAt();
                }
                committing = written;
                transaction.commit();
                head = groupHead;
                headKnown = true;
                lastAt = groupLastAt;
                if (!written.isEmpty()) {
                    committedHead = written.get(written.size() - 1);
                }
                return;
            } catch (Exception e) {
                rollback();
                headKnown = false;
                for (int i = 0; i < committing.size(); i++) {
                    unconfirmed.put(writing.get(i), committing.get(i));
                }
                last = new IllegalStateException("Cannot append to the audit trail", e);
            }
        }
        throw last;
    }

    /**
     * The events not on the trail yet, in the current transaction: all of them, unless they are those of a failed
     * commit ({@link #unconfirmed}) whose entries the trail holds (that commit went through). Other events mean the
     * failed group is settled, and it is forgotten.
     */
    private List<AuditEvent> unwritten(List<AuditEvent> events) {
        if (unconfirmed.isEmpty()) {
            return events;
        }
        AuditLogEntry held = unconfirmed.get(events.get(0));
        if (held != null && log.find(held.getId()).isPresent()) {
            // Every held event is skipped once the first one is found: safe only because a list whose first event
            // is held is a subset of the held group (the same list retried, or one submission of the failed group
            // re-written by GroupCommit), whose entries committed all or none. A list that mixed held and new events
            // would put its new events in the map on an ambiguous commit, and a retry would skip them unchecked.
            return events.stream()
                    .filter(event -> !unconfirmed.containsKey(event))
                    .toList();
        }
        unconfirmed.clear();
        return events;
    }

    /**
     * Reads the chain head and its time; an emptied trail continues from the last purge's anchor. New entries
     * come after the head's time even if the clock went back (e.g. across a restart), so the time order stays
     * the chain order.
     */
    private void readHead() {
        Optional<AuditLogEntry> newest = log.findChainHead();
        if (newest.isPresent()) {
            head = newest.get().getHash();
            lastAt = later(lastAt, newest.get().getOccurredAt());
            return;
        }
        Optional<AuditAnchor> anchor = log.findLatestAnchor();
        head = anchor.map(AuditAnchor::getLastEntryHash).orElse(null);
        anchor.ifPresent(a -> lastAt = later(lastAt, a.getLastEntryAt()));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private AuditLogEntry entry(AuditEvent event, String prevHash, Instant previousAt) {
        UUID id = UUID.randomUUID();
        // Strictly increasing times keep the trail's time order its chain order.
        Instant at = CatalogTime.truncate(Instant.now());
        if (!at.isAfter(previousAt)) {
            at = previousAt.plusNanos(1000);
        }
        String actor = anonymizer.actor(event);
        String address = Anonymizer.address(event);
        String roles = event.caller().rolesText();
        return ChainHash.chained(
                prevHash,
                new AuditFields(
                        id,
                        at,
                        actor,
                        roles,
                        event.purpose(),
                        event.action(),
                        event.resourceType(),
                        event.resourceId(),
                        event.outcome(),
                        address,
                        event.details()));
    }

    /**
     * Purges daily at 03:07 UTC (as every timer here, whatever the server's zone), in batches of
     * {@value #PURGE_BATCH} entries, one transaction each, under the read lock: appends go on
     * meanwhile (a write lock held for one DELETE of months of entries made every audited call wait past the
     * container's access timeout). Each batch deletes the oldest entries and anchors the newest it deleted in
     * the same transaction, so the trail verifies after every batch; appends only add after the head, and an
     * append that links to an entry a batch deletes links to that batch's anchor. The cutoff is
     * {@code audit_log_retention_days} before the earlier of the server's and the catalog database's clocks
     * ({@link #earlierClock}).
     */
    @Schedule(hour = "3", minute = "7", timezone = "UTC", persistent = false)
    @Lock(LockType.READ)
    public void purgeExpired() {
        Instant serverNow = Instant.now();
        PurgeClocks clocks = null;
        Instant cutoff = null;
        long removed = 0;
        boolean failed = false;
        PurgedAnchors anchors = new PurgedAnchors();
        try {
            transaction.begin();
            clocks = new PurgeClocks(serverNow, log.databaseNow());
            transaction.commit();
            cutoff = earlierClock(clocks).minus(Duration.ofDays(settings.auditLogRetentionDays()));
            int batch;
            do {
                transaction.begin();
                Optional<AuditPurgeBatch> done = log.purgeOccurredBefore(cutoff, PURGE_BATCH);
                transaction.commit();
                batch = done.map(AuditPurgeBatch::entriesPurged).orElse(0);
                removed += batch;
                done.ifPresent(anchors::add);
            } while (batch == PURGE_BATCH);
            long total = removed;
            Instant purgedBefore = cutoff;
            LOG.info(() -> "Audit retention: removed " + total + " entries older than " + purgedBefore);
        } catch (Exception e) {
            rollback();
            failed = true;
            LOG.log(Level.WARNING, "Audit retention purge failed after removing " + removed + " entries", e);
        }
        recordPurge(cutoff, clocks, removed, failed, anchors);
    }

    /**
     * The earlier of the server's clock and the catalog database's: the purge cannot be undone, so a clock set ahead
     * (a server whose clock jumped years forward would otherwise purge the whole trail) must not decide what goes.
     * A disagreement of more than {@link PurgeClocks#DISAGREE} is logged, and makes the purge's entry an ERROR.
     */
    static Instant earlierClock(PurgeClocks clocks) {
        if (clocks.disagree()) {
            LOG.warning(
                    () -> "Audit retention: the server's clock (" + clocks.server() + ") and the catalog database's ("
                            + clocks.database().orElseThrow() + ") disagree by more than "
                            + PurgeClocks.DISAGREE.toMinutes() + " minutes; the purge cuts by the earlier one");
        }
        return clocks.earlier();
    }

    /**
     * The purge deletes entries of the trail: it is on the trail itself, as every other deletion (the run history's
     * purge is audited too), after its last batch, so that an auditor reading the trail or its export sees when
     * entries went, how many, and their cutoff, not only the anchor the chain check reads. A timer's caller is
     * anonymous; a failed purge is an ERROR entry naming what it had removed, never the cause (in the server log), and
     * without {@code purgedBefore} when it failed before computing its cut; a purge whose two clocks disagree
     * ({@link PurgeClocks}) is an ERROR naming both. It
     * names the anchors its batches left ({@link PurgedAnchors}): an {@code audit_anchor} row whose id no purge
     * entry's range holds was not left by a purge.
     */
    private void recordPurge(Instant cutoff, PurgeClocks clocks, long removed, boolean failed, PurgedAnchors anchors) {
        ObjectNode details = JSON.createObjectNode();
        details.put("operation", "AuditTrail.purgeExpired");
        details.put("entriesPurged", removed);
        if (cutoff != null) {
            details.put("purgedBefore", cutoff.toString());
        }
        details.put("retentionDays", settings.auditLogRetentionDays());
        anchors.describeIn(details);
        boolean clocksDisagree = clocks != null && clocks.disagree();
        if (clocksDisagree) {
            clocks.describeIn(details);
        }
        if (failed) {
            details.put("error", "internal");
        }
        try {
            appends.submitAll(List.of(new AuditEvent(
                    callers.current(),
                    AuditPurpose.DATA_SYNC,
                    true,
                    AuditAction.DELETE,
                    "audit_log",
                    null,
                    failed || clocksDisagree ? AuditOutcome.ERROR : AuditOutcome.SUCCESS,
                    null,
                    details.toString())));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    e,
                    () -> "Could not append the audit retention purge to the audit trail (" + removed
                            + " entries removed)");
        }
    }

    /**
     * Writes the chain head to the server log, hourly and when the application stops, if it changed since: kept
     * outside the catalog database, a logged head lets {@code auditChain(head:)} find entries deleted from the
     * end of the trail, or edited with every later hash recomputed, up to that head.
     */
    @Schedule(hour = "*", minute = "23", timezone = "UTC", persistent = false)
    @Lock(LockType.READ)
    public void publishHead() {
        synchronized (this) {
            AuditLogEntry current = committedHead;
            if (current == null || current == publishedHead) {
                return;
            }
            publishedHead = current;
            LOG.info(() -> "Audit chain head: " + current.getHash() + " (entry " + current.getId() + " at "
                    + current.getOccurredAt() + ")");
        }
    }

    @PreDestroy
    void publishHeadAtStop() {
        publishHead();
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.FINE, "Rollback of an audit append failed", e);
        }
    }
}
