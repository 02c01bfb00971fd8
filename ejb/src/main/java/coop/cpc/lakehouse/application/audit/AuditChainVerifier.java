package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Walks the whole audit trail oldest first and checks that every entry's hash and link are intact, counting every
 * entry that is not and naming the first {@value AuditVerification#LISTED_BROKEN_ENTRIES}: an auditor who finds one
 * forged or deleted entry learns how far the damage goes. The walk reads {@value #BATCH} entries at a time and keeps
 * only the previous entry's hash and the ids it names, so its memory does not grow with the trail.
 * The oldest entry must link to the last purge's anchor (or to nothing, if nothing was ever
 * purged): entries deleted without a purge leave a link no anchor holds. An entry with a field that holds the hash's
 * separator U+001F is not intact either, whatever its hash ({@link ChainHash}): the writer never stores one, and
 * text moved across that field's boundary would keep the hash; the server log names the entry and the field.
 *
 * <p>After a broken entry the walk goes on from that entry's stored hash, as its successor links to it: an entry
 * edited in place is reported alone (its successor still links to the hash it was written with), and a run of
 * entries deleted from the middle is reported once, at the first survivor after it.
 */
public final class AuditChainVerifier {
    private static final Logger LOG = Logger.getLogger(AuditChainVerifier.class.getName());
    private static final int BATCH = 1000;

    private AuditChainVerifier() {}

    /** @return how many entries were checked, and those that do not verify */
    public static AuditVerification verify(AuditLogRepository log) {
        return verify(log, null);
    }

    /**
     * Also checks that a chain head published earlier outside the database ({@link AuditTrail} logs it) is
     * still in the chain: entries deleted from the end, or edited with every later hash recomputed (the hash
     * has no key), change or remove it. When it is missing the chain is not intact, and no entry is named for it.
     *
     * @param publishedHead the hash of a head published earlier, or null to check the chain alone
     */
    public static AuditVerification verify(AuditLogRepository log, String publishedHead) {
        long checked = 0;
        long broken = 0;
        List<String> named = new ArrayList<>();
        Optional<AuditAnchor> anchorAtStart = log.findLatestAnchor();
        String previous = anchorAtStart.map(AuditAnchor::getLastEntryHash).orElse(null);
        Long anchorIdAtStart = anchorAtStart.map(AuditAnchor::getId).orElse(null);
        // A head purged since it was published is the anchor's entry.
        boolean headSeen = publishedHead == null || publishedHead.equals(previous);
        TimeOrderCursor after = null;
        boolean bridgedFromHead = false;
        while (true) {
            // Every entry, also those timed ahead of this server's clock (entries follow the chain head's time), in
            // (occurred_at, id) order: a batch continues after the last entry read, not after its time, so entries
            // sharing a time with the last of a batch (only a forged trail has them) are read and checked too.
            List<AuditLogEntry> batch = log.search(AuditLogFilter.any(), after, BATCH);
            for (int i = 0; i < batch.size(); i++) {
                AuditLogEntry entry = batch.get(i);
                // One query reads a batch at once, so only its first entry can follow entries a purge removed since.
                boolean linked = Objects.equals(entry.getPrevHash(), previous);
                if (!linked && i == 0 && purgedMeanwhile(log, entry, anchorIdAtStart)) {
                    linked = true;
                    // The purge removed the entries up to this one's predecessor: the head, if that was it.
                    bridgedFromHead |= Objects.equals(entry.getPrevHash(), publishedHead);
                }
                boolean listed = named.size() < AuditVerification.LISTED_BROKEN_ENTRIES;
                if (!linked || !ChainHash.verifies(entry) || holdsSeparator(entry, listed)) {
                    broken++;
                    if (listed) {
                        named.add(entry.getId().toString());
                    }
                }
                previous = entry.getHash();
                headSeen |= Objects.equals(previous, publishedHead);
                checked++;
            }
            if (batch.size() < BATCH) {
                // A head purged while the walk ran, before the walk reached it, is the anchor's entry as above, when
                // the walk stepped over that purge: an anchor naming the head that merely appeared meanwhile is no
                // purge (a row forged to cover a trail cut short or recomputed after the head).
                headSeen |= bridgedFromHead;
                return new AuditVerification(broken == 0 && headSeen, checked, broken, named, !headSeen);
            }
            after = AuditLogRepository.after(batch.get(batch.size() - 1));
        }
    }

    /** Whether a field of the entry holds the separator; the server log names the entry and field if {@code logged}. */
    private static boolean holdsSeparator(AuditLogEntry entry, boolean logged) {
        String field = ChainHash.fieldHoldingSeparator(entry);
        if (field == null) {
            return false;
        }
        if (!logged) {
            return true;
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
     * to one whose predecessor is gone. That holds only if an anchor recorded since the walk began holds the entry's
     * predecessor, and no entry older than it is left (a purge removes nothing newer): an anchor row forged to bridge
     * entries deleted in the middle is no purge of the oldest. Further batches may commit between the walk's read of
     * the entry and these reads, so the anchor need not be the latest, and the entry itself may be gone since (then
     * the oldest entry left is newer, or none is).
     */
    private static boolean purgedMeanwhile(AuditLogRepository log, AuditLogEntry entry, Long anchorIdAtStart) {
        if (entry.getPrevHash() == null
                || log.findAnchorAfter(anchorIdAtStart, entry.getPrevHash()).isEmpty()) {
            return false;
        }
        return log.findBetween(Instant.EPOCH, CatalogInstants.LATEST, 1).stream()
                .findFirst()
                .map(oldest -> oldest.getId().equals(entry.getId())
                        || oldest.getOccurredAt().isAfter(entry.getOccurredAt()))
                .orElse(true);
    }
}
