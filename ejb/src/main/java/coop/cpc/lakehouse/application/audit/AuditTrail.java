package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail's only writer in this server: appends entries one at a time, each in its own
 * transaction (so a call whose own transaction rolls back is still recorded), each hashing the
 * one before. Purges entries older than {@code audit_log_retention_days} daily; the oldest
 * remaining entry's prev_hash is the anchor the chain verifies from.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int ATTEMPTS = 3;

    @Resource
    UserTransaction transaction;

    @Inject
    AuditLogRepository log;

    @Inject
    LakehouseSettings settings;

    private Anonymizer anonymizer;
    private String head;
    private boolean headKnown;
    private Instant lastAt = Instant.EPOCH;

    @PostConstruct
    void init() {
        byte[] key = settings.auditPseudonymKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            LOG.warning("audit_pseudonym_key is not set: audit pseudonyms use a random key until the next restart");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        anonymizer = new Anonymizer(key);
    }

    /** Appends one entry; the chain head is cached, and re-read after any failure. */
    public void record(AuditEvent event) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                transaction.begin();
                if (!headKnown) {
                    head = log.findChainHead().map(AuditLogEntry::getHash).orElse(null);
                }
                AuditLogEntry entry = entry(event, head);
                log.add(entry);
                transaction.commit();
                head = entry.getHash();
                headKnown = true;
                lastAt = entry.getOccurredAt();
                return;
            } catch (Exception e) {
                rollback();
                headKnown = false;
                last = new IllegalStateException("Cannot append to the audit trail", e);
            }
        }
        throw last;
    }

    private AuditLogEntry entry(AuditEvent event, String prevHash) {
        UUID id = UUID.randomUUID();
        // Strictly increasing times keep the trail's time order its chain order.
        Instant at = CatalogTime.truncate(Instant.now());
        if (!at.isAfter(lastAt)) {
            at = lastAt.plusNanos(1000);
        }
        String actor = anonymizer.pseudonym(event.user(), event.purpose());
        String address = Anonymizer.address(event.sourceAddress(), event.purpose());
        String hash = ChainHash.compute(prevHash, id, at, actor, event.role(), event.purpose(), event.action(),
                event.resourceType(), event.resourceId(), event.outcome(), address, event.details());
        return new AuditLogEntry(id, at, actor, event.role(), event.purpose(), event.action(), event.resourceType(),
                event.resourceId(), event.outcome(), address, event.details(), prevHash, hash);
    }

    @Schedule(hour = "3", minute = "7", persistent = false)
    public void purgeExpired() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(settings.auditLogRetentionDays()));
        try {
            transaction.begin();
            int removed = log.deleteOccurredBefore(cutoff);
            transaction.commit();
            LOG.info(() -> "Audit retention: removed " + removed + " entries older than " + cutoff);
        } catch (Exception e) {
            rollback();
            LOG.log(Level.WARNING, "Audit retention purge failed", e);
        }
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
