package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Walks the audit trail oldest first and checks that every entry's hash and link are intact.
 * The oldest entry must link to the last purge's anchor (or to nothing, if nothing was ever
 * purged): entries deleted without a purge leave a link no anchor holds. An entry with a field that holds the hash's
 * separator U+001F is not intact either, whatever its hash ({@link ChainHash}): the writer never stores one, and
 * text moved across that field's boundary would keep the hash; the server log names the entry and the field.
 */
public final class AuditChainVerifier {
    private static final Logger LOG = Logger.getLogger(AuditChainVerifier.class.getName());
    private static final int BATCH = 1000;

    private AuditChainVerifier() {}

    /** @return how many entries were checked, and the first one that does not verify */
    public static AuditVerification verify(AuditLogRepository log) {
        return verify(log, null);
    }

    /**
     * Also checks that a chain head published earlier outside the database ({@link AuditTrail} logs it) is
     * still in the chain: entries deleted from the end, or edited with every later hash recomputed (the hash
     * has no key), change or remove it. When it is missing the chain is not intact and no entry is named.
     *
     * @param publishedHead the hash of a head published earlier, or null to check the chain alone
     */
    public static AuditVerification verify(AuditLogRepository log, String publishedHead) {
        long checked = 0;
        String previous =
                log.findLatestAnchor().map(AuditAnchor::getLastEntryHash).orElse(null);
        String anchorAtStart = previous;
        // A head purged since it was published is the anchor's entry.
        boolean headSeen = publishedHead == null || publishedHead.equals(previous);
        Instant from = Instant.EPOCH;
        while (true) {
            // Every entry, also those timed ahead of this server's clock (entries follow the chain head's time).
            List<AuditLogEntry> batch = log.findBetween(from, CatalogInstants.LATEST, BATCH);
            for (AuditLogEntry entry : batch) {
                boolean linked =
                        Objects.equals(entry.getPrevHash(), previous) || purgedMeanwhile(log, entry, anchorAtStart);
                if (!linked || !ChainHash.of(entry).equals(entry.getHash()) || holdsSeparator(entry)) {
                    return new AuditVerification(false, checked, entry.getId().toString());
                }
                previous = entry.getHash();
                headSeen |= previous.equals(publishedHead);
                checked++;
            }
            if (batch.size() < BATCH) {
                return new AuditVerification(headSeen, checked, null);
            }
            from = batch.get(batch.size() - 1).getOccurredAt().plusNanos(1000);
        }
    }

    private static boolean holdsSeparator(AuditLogEntry entry) {
        String field = ChainHash.fieldHoldingSeparator(entry);
        if (field == null) {
            return false;
        }
        LOG.warning(() -> "Audit chain: entry " + entry.getId() + " is not intact: its " + field
                + " holds U+001F, the separator of the chain hash, which the audit trail never stores: text moved"
                + " across that field's boundary keeps the hash, so the entry cannot be told from one altered in the"
                + " database (an entry written before this check from a caller's text holding U+001F reads the same)");
        return true;
    }

    /**
     * Whether a purge that committed during the walk explains an entry's link: the purge deletes the oldest entries
     * in batches, each committed with an anchor for its newest entry, so the walk can step from an entry it checked
     * to one whose predecessor is gone. That holds only if a new anchor was recorded since the walk began, it holds
     * the entry's predecessor, and the entry is now the oldest of the trail (a purge removes nothing newer): an
     * anchor row forged to bridge entries deleted in the middle is no purge of the oldest.
     */
    private static boolean purgedMeanwhile(AuditLogRepository log, AuditLogEntry entry, String anchorAtStart) {
        boolean anchored = log.findLatestAnchor()
                .map(AuditAnchor::getLastEntryHash)
                .filter(hash -> !hash.equals(anchorAtStart) && hash.equals(entry.getPrevHash()))
                .isPresent();
        return anchored
                && log.findBetween(Instant.EPOCH, CatalogInstants.LATEST, 1).stream()
                        .findFirst()
                        .filter(oldest -> oldest.getId().equals(entry.getId()))
                        .isPresent();
    }
}
