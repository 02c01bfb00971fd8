package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Walks the audit trail oldest first and checks that every entry's hash and link are intact.
 * The oldest entry must link to the last purge's anchor (or to nothing, if nothing was ever
 * purged): entries deleted without a purge leave a link no anchor holds.
 */
public final class AuditChainVerifier {
    private static final int BATCH = 1000;

    private AuditChainVerifier() {}

    /** @return how many entries were checked, and the first one that does not verify */
    public static AuditVerification verify(AuditLogRepository log) {
        long checked = 0;
        String previous =
                log.findLatestAnchor().map(AuditAnchor::getLastEntryHash).orElse(null);
        Instant from = Instant.EPOCH;
        while (true) {
            List<AuditLogEntry> batch = log.findBetween(from, Instant.now().plusSeconds(60), BATCH);
            if (batch.isEmpty()) {
                return new AuditVerification(true, checked, null);
            }
            for (AuditLogEntry entry : batch) {
                boolean linked = Objects.equals(entry.getPrevHash(), previous);
                if (!linked || !ChainHash.of(entry).equals(entry.getHash())) {
                    return new AuditVerification(false, checked, entry.getId().toString());
                }
                previous = entry.getHash();
                checked++;
            }
            if (batch.size() < BATCH) {
                return new AuditVerification(true, checked, null);
            }
            from = batch.get(batch.size() - 1).getOccurredAt().plusNanos(1000);
        }
    }
}
